import { z } from "zod";
import { ASPECT_RATIOS, PROMPT_MAX_LENGTH, PROMPT_MIN_LENGTH, QUALITIES } from "../seedream/constants";

/** What API in One and KIE both take for a task (API in One flat, KIE under `input`). */
export const taskInputFields = {
  prompt: z.string().trim().min(PROMPT_MIN_LENGTH).max(PROMPT_MAX_LENGTH),
  aspect_ratio: z.enum(ASPECT_RATIOS),
  quality: z.enum(QUALITIES),
  image_urls: z.array(z.url()).min(1).max(14).optional(),
};
