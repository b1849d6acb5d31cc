import { z } from "zod";
import { getDb } from "@/db";
import { AppError } from "@/lib/errors";
import { toImageView } from "@/lib/generations/to-view";
import { route } from "@/lib/http/route";
import { getMediaStorage } from "@/lib/media";
import { ReferenceRejectedError } from "@/lib/media/prepare-reference";
import { MAX_REFERENCE_BYTES } from "@/lib/media/reference-limits";
import { storeUpload } from "@/lib/media/store-upload";
import type { UploadResponse } from "@/lib/media/upload-response";

const formSchema = z.object({
  file: z.instanceof(File, { message: "Choose an image file to upload." }),
});

/** One reference image per request; the answer says what can be shown of it, never where it is stored. */
export const POST = route(
  {
    name: "upload",
    auth: "user",
    body: {
      kind: "multipart",
      schema: formSchema,
      // Room for the multipart envelope around one file at the size limit.
      maxBytes: MAX_REFERENCE_BYTES + 64 * 1024,
      tooLargeMessage: "That file is larger than 10 MB.",
    },
  },
  async ({ user, body: { file } }) => {
    const stored = await storeUpload(
      { db: await getDb(), storage: getMediaStorage() },
      { userId: user.id, name: file.name || "image", bytes: Buffer.from(await file.arrayBuffer()) },
    ).catch((error: unknown) => {
      if (error instanceof ReferenceRejectedError) throw new AppError("invalid_input", error.message);
      throw error;
    });
    const body: UploadResponse = toImageView(stored);
    return Response.json(body, { status: 201 });
  },
);
