import * as z from "zod/mini";

// What GET /api/collections answers, parsed in the browser (zod/mini keeps the gallery bundle small).
export const boardViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  count: z.int(),
  hasImage: z.boolean(),
});
export type BoardView = z.infer<typeof boardViewSchema>;

export const boardListSchema = z.object({ boards: z.array(boardViewSchema) });
