import { z } from "zod";
import { generationStatuses } from "@/db/schema";

/** Where the database announces generation changes (db/migrations/0008_generation_events.sql). */
export const GENERATION_EVENTS_CHANNEL = "generation_events";

const payloadSchema = z.object({
  u: z.uuid(),
  g: z.uuid(),
  s: z.enum(generationStatuses),
  p: z.enum(generationStatuses).nullable(),
});

/** A committed change to one generation: ids and statuses, never its content. */
export interface GenerationChange {
  userId: string;
  generationId: string;
  status: (typeof generationStatuses)[number];
  /** Null for a new generation. */
  previousStatus: (typeof generationStatuses)[number] | null;
}

export function parseGenerationChange(payload: string): GenerationChange | null {
  try {
    const parsed = payloadSchema.safeParse(JSON.parse(payload));
    if (!parsed.success) return null;
    const { u, g, s, p } = parsed.data;
    return { userId: u, generationId: g, status: s, previousStatus: p };
  } catch {
    return null;
  }
}
