import { randomUUID } from "node:crypto";

/** Where one image of a click sits: its batch, its place in it, and the row that sends it. */
export interface BatchSlot {
  id: string;
  batchId: string | null;
  batchIndex: number;
  batchSize: number;
  /** The row whose submission makes this image, when that is not this row itself. */
  leadId: string | null;
}

/**
 * Splits `count` images into submissions the host can take: one per image where a submission makes
 * one, otherwise as few as possible, each led by its first row.
 */
export function planBatch(count: number, maxImagesPerSubmission: number): BatchSlot[] {
  const batchId = count > 1 ? randomUUID() : null;
  const perSubmission = Math.max(1, maxImagesPerSubmission);
  const slots: BatchSlot[] = [];
  for (let index = 0; index < count; index++) {
    const id = randomUUID();
    const leadIndex = index - (index % perSubmission);
    const lead = slots[leadIndex];
    slots.push({
      id,
      batchId,
      batchIndex: index,
      batchSize: count,
      leadId: lead && leadIndex !== index ? lead.id : null,
    });
  }
  return slots;
}
