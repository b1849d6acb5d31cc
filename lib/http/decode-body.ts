import { AppError } from "@/lib/errors";
import { type FieldValue, toFields } from "./request-input";

export type BodyKind = "json" | "form" | "multipart";

const expectedTypes: Record<BodyKind, { pattern: RegExp; name: string }> = {
  json: { pattern: /^application\/([\w.-]+\+)?json\s*(;|$)/i, name: "application/json" },
  form: {
    pattern: /^application\/x-www-form-urlencoded\s*(;|$)/i,
    name: "application/x-www-form-urlencoded",
  },
  multipart: { pattern: /^multipart\/form-data\s*;/i, name: "multipart/form-data" },
};

const utf8 = new TextDecoder("utf-8", { fatal: true });

function text(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new AppError("invalid_input", "The request body is not valid UTF-8 text.");
  }
}

async function multipartEntries(
  bytes: Uint8Array<ArrayBuffer>,
  contentType: string,
): Promise<[string, FieldValue][]> {
  try {
    const form = await new Response(bytes, { headers: { "content-type": contentType } }).formData();
    return [...form.entries()];
  } catch {
    throw new AppError("invalid_input", "The request body is not a readable multipart form.");
  }
}

/** Bytes already read (and capped) as the value a body schema checks: JSON, or a form's fields. */
export async function decodeBody(
  kind: BodyKind,
  bytes: Uint8Array<ArrayBuffer>,
  contentType: string,
): Promise<unknown> {
  const expected = expectedTypes[kind];
  if (!expected.pattern.test(contentType)) {
    throw new AppError("unsupported_media_type", `Send the request body as ${expected.name}.`);
  }
  if (kind === "multipart") return toFields(await multipartEntries(bytes, contentType));
  if (kind === "form") return toFields(new URLSearchParams(text(bytes)));
  try {
    return JSON.parse(text(bytes));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("invalid_input", "The request body is not valid JSON.");
  }
}
