import { z } from "zod";
import { getDb } from "@/db";
import { requireUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { toImageView } from "@/lib/generations/to-view";
import { jsonError } from "@/lib/http/route";
import { getMediaStorage } from "@/lib/media";
import { ReferenceRejectedError } from "@/lib/media/prepare-reference";
import { MAX_REFERENCE_BYTES } from "@/lib/media/reference-limits";
import { storeUpload } from "@/lib/media/store-upload";
import type { UploadResponse } from "@/lib/media/upload-response";

// Room for the multipart envelope around one file at the size limit.
const MAX_REQUEST_BYTES = MAX_REFERENCE_BYTES + 64 * 1024;

const formSchema = z.object({
  file: z.instanceof(File, { message: "Choose an image file to upload." }),
});

/** One reference image per request; the answer says what can be shown of it, never where it is stored. */
export async function POST(request: Request) {
  try {
    const user = await requireUser();
    if (Number(request.headers.get("content-length") ?? 0) > MAX_REQUEST_BYTES) {
      throw new AppError("invalid_input", "That file is larger than 10 MB.");
    }
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      throw new AppError("invalid_input", "Send the image as a multipart form with a `file` field.");
    }
    const parsed = formSchema.safeParse({ file: form.get("file") });
    if (!parsed.success) throw new AppError("invalid_input", parsed.error.issues[0]?.message ?? "No file.");
    const { file } = parsed.data;
    const stored = await storeUpload(
      { db: await getDb(), storage: getMediaStorage() },
      { userId: user.id, name: file.name || "image", bytes: Buffer.from(await file.arrayBuffer()) },
    ).catch((error: unknown) => {
      if (error instanceof ReferenceRejectedError) throw new AppError("invalid_input", error.message);
      throw error;
    });
    const body: UploadResponse = toImageView(stored);
    return Response.json(body, { status: 201, headers: { "cache-control": "no-store" } });
  } catch (error) {
    return jsonError(error, "upload");
  }
}
