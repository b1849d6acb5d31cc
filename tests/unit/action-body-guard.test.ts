import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { ACTION_BODY_LIMIT_BYTES, refuseUnreadableActionPost } from "@/lib/http/action-body-guard";

const action = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request("https://studio.example/", {
    method: "POST",
    body,
    headers: { "next-action": "7f00", "content-type": "text/plain;charset=UTF-8", ...headers },
  });

/** A body that arrives in pieces and declares no length, as a chunked upload does. */
const chunked = (totalBytes: number) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (let sent = 0; sent < totalBytes; sent += 64 * 1024) controller.enqueue(new Uint8Array(64 * 1024));
      controller.close();
    },
  });

const refusal = async (request: Request) => {
  const response = await refuseUnreadableActionPost(request);
  return response && { status: response.status, error: (await response.json()).error };
};

describe("server-action POSTs the proxy refuses", () => {
  it("uses the same limit as next.config's serverActions.bodySizeLimit", () => {
    expect(fs.readFileSync("next.config.mjs", "utf8")).toMatch(/serverActions: \{ bodySizeLimit: "1mb" \}/);
    expect(ACTION_BODY_LIMIT_BYTES).toBe(1024 * 1024);
  });

  it("lets well-formed arguments through: JSON, a form, a multipart form", async () => {
    expect(await refusal(action('["a prompt",{"n":1}]'))).toBeNull();
    expect(await refusal(action("a=1", { "content-type": "application/x-www-form-urlencoded" }))).toBeNull();
    const form = new FormData();
    form.set("1_$ACTION_ID_7f00", "");
    const multipart = new Request("https://x/", { method: "POST", body: form });
    expect(
      await refusal(
        action(await multipart.arrayBuffer(), {
          "content-type": multipart.headers.get("content-type") ?? "",
        }),
      ),
    ).toBeNull();
    expect(await refusal(new Request("https://x/", { method: "GET" }))).toBeNull();
  });

  it("answers 413 over 1 MiB, declared or chunked, and 400 for arguments that do not parse", async () => {
    const tooLarge = {
      status: 413,
      error: { code: "payload_too_large", message: "The request is larger than 1 MB." },
    };
    expect(await refusal(action("x".repeat(ACTION_BODY_LIMIT_BYTES + 1)))).toEqual(tooLarge);
    expect(
      await refusal(
        new Request("https://x/", {
          method: "POST",
          body: chunked(3 * ACTION_BODY_LIMIT_BYTES),
          duplex: "half",
          headers: { "next-action": "7f00" },
        } as RequestInit),
      ),
    ).toEqual(tooLarge);
    // Any POST to a page is held to the limit, with or without the Next-Action header.
    expect(
      (
        await refusal(
          new Request("https://x/", { method: "POST", body: "x".repeat(2 * ACTION_BODY_LIMIT_BYTES) }),
        )
      )?.status,
    ).toBe(413);

    for (const bad of [
      action("not json{"),
      action(new Uint8Array([0xff, 0xfe])),
      action("--b\r\nbroken", { "content-type": "multipart/form-data; boundary=b" }),
    ]) {
      expect(await refusal(bad)).toMatchObject({ status: 400, error: { code: "bad_request" } });
    }
  });
});
