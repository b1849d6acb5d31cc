import { randomBytes, randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { getGenerationById, insertGeneration } from "@/db/queries/generations";
import type { Budget } from "@/db/queries/usage";
import { createUser } from "@/db/queries/users";
import type { NewGeneration } from "@/db/schema";
import { budgetPeriods } from "@/lib/billing/periods";

/** Today and this month in UTC with no limits: what a generation made by a fixture counts toward. */
export function unlimitedBudget(now = new Date()): Budget {
  const { day, month } = budgetPeriods(now, "UTC");
  return { day, month, limits: { dailyImages: null, monthlyCredits: null, studioMonthlyCredits: null } };
}

export async function makeUser(db: Db, email = `${randomUUID()}@example.com`) {
  return createUser(db, { email, name: null, passwordHash: "x" });
}

/** A basic 1:1 generation of "a red fox" at 12 credits, with its own idempotency key and callback token. */
export function generationValues(userId: string, values: Partial<NewGeneration> = {}): NewGeneration {
  return {
    userId,
    idempotencyKey: randomUUID(),
    mode: "generate",
    model: "seedream/4.5-text-to-image",
    prompt: "a red fox",
    aspectRatio: "1:1",
    quality: "basic",
    costCredits: 12,
    callbackToken: randomBytes(24).toString("base64url"),
    ...values,
  };
}

export async function makeGeneration(
  db: Db,
  userId: string,
  values: Partial<NewGeneration> = {},
  sourceMediaIds: string[] = [],
  budget: Budget = unlimitedBudget(),
) {
  const { generation } = await insertGeneration(db, generationValues(userId, values), {
    sourceMediaIds,
    budget,
  });
  return generation;
}

/** The generation as stored now; a test whose row is gone has found a bug, so it fails loudly. */
export async function storedGeneration(db: Db, id: string) {
  const row = await getGenerationById(db, id);
  if (!row) throw new Error(`generation ${id} vanished`);
  return row;
}
