import * as z from "zod/mini";
import { PROMPT_MAX_LENGTH, PROMPT_MIN_LENGTH } from "@/lib/seedream/constants";
import { hasNoNul } from "@/lib/validation/nul";

// One schema for the composer (in the browser) and the server action (authoritative). zod/mini,
// because the composer ships it to every studio page.
export const promptSchema = z
  .string()
  .check(
    z.trim(),
    z.minLength(PROMPT_MIN_LENGTH, `Write at least ${PROMPT_MIN_LENGTH} characters.`),
    z.maxLength(
      PROMPT_MAX_LENGTH,
      `Keep the prompt under ${PROMPT_MAX_LENGTH.toLocaleString("en")} characters.`,
    ),
    z.refine(
      hasNoNul,
      "The prompt contains an invisible NUL character, usually pasted in from another program. Retype the pasted part and try again.",
    ),
  );
