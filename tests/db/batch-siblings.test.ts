import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { insertGenerations, listBatchSiblings } from "@/db/queries/generations";
import { databaseCases, setUpDatabase } from "../support/databases";
import { makeUser, unlimitedBudget } from "../support/fixtures";

describe.each(databaseCases())("batch siblings on $name", ({ open }) => {
  const database = setUpDatabase({ open });

  async function recordBatch(userId: string, size: number) {
    const batchId = randomUUID();
    const key = randomUUID();
    // Recorded in reverse, so the order the query returns comes from batch_index.
    const rows = Array.from({ length: size }, (_, index) => ({
      userId,
      idempotencyKey: key,
      mode: "generate" as const,
      model: "m",
      prompt: "four foxes",
      aspectRatio: "1:1",
      quality: "basic" as const,
      costCredits: 20,
      provider: "fal" as const,
      batchId,
      batchIndex: index,
      batchSize: size,
      callbackToken: `token-${key}-${index}`,
    })).reverse();
    const { generations } = await insertGenerations(database.db, rows, { budget: unlimitedBudget() });
    return { batchId, ids: generations.map((g) => g.id) };
  }

  it("lists the owner's batch in batch order, and another user's batch as empty", async () => {
    const owner = await makeUser(database.db);
    const other = await makeUser(database.db);
    const { batchId, ids } = await recordBatch(owner.id, 4);
    await recordBatch(owner.id, 2);

    const siblings = await listBatchSiblings(database.db, { userId: owner.id, batchId });
    expect(siblings.map((s) => s.id)).toEqual(ids);
    expect(siblings.map((s) => s.batchIndex)).toEqual([0, 1, 2, 3]);
    expect(siblings[0]).not.toHaveProperty("callbackToken");
    expect(await listBatchSiblings(database.db, { userId: other.id, batchId })).toEqual([]);
  });
});
