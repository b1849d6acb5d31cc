import { z } from "zod";
import { stripNul } from "@/lib/validation/nul";

/** A board's name as a person types it: trimmed, 1–60 characters. */
export const boardNameSchema = z
  .string()
  .transform(stripNul)
  .pipe(z.string().trim().min(1, "Give the board a name.").max(60, "Keep the name under 60 characters."));
