"use client";

import type { ImageView } from "@/lib/generations/view";
import { uploadErrorSchema, uploadResponseSchema } from "@/lib/media/upload-response";

export type UploadOutcome = { ok: true; image: ImageView } | { ok: false; message: string };

/**
 * Sends one reference to POST /api/uploads. XMLHttpRequest rather than fetch because only it
 * reports upload progress, which a 10 MB file on a slow line needs.
 */
export function uploadReference(file: File, onProgress: (percent: number) => void): Promise<UploadOutcome> {
  const name = file.name || "The image";
  return new Promise((resolve) => {
    const form = new FormData();
    form.append("file", file, file.name || "pasted-image");
    const request = new XMLHttpRequest();
    request.open("POST", "/api/uploads");
    request.responseType = "json";
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.floor((event.loaded / event.total) * 100));
    };
    request.onerror = () =>
      resolve({ ok: false, message: `${name} could not be uploaded: check your connection.` });
    request.onload = () => {
      const body: unknown = request.response;
      if (request.status === 201) {
        const parsed = uploadResponseSchema.safeParse(body);
        if (parsed.success) return resolve({ ok: true, image: parsed.data });
      }
      const error = uploadErrorSchema.safeParse(body);
      resolve({
        ok: false,
        message: error.success ? error.data.error.message : `${name} could not be uploaded.`,
      });
    };
    request.send(form);
  });
}
