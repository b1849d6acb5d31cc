import * as z from "zod/mini";
import { imageViewSchema } from "@/lib/generations/view";

/** What POST /api/uploads answers: what can be shown of the stored image, never where it lives. */
export const uploadResponseSchema = imageViewSchema;
export type UploadResponse = z.infer<typeof uploadResponseSchema>;

export const uploadErrorSchema = z.object({ error: z.object({ message: z.string() }) });
