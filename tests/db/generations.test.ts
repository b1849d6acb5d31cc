import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  claimIngest,
  claimStatusCheck,
  claimSubmission,
  completeIngest,
  markSubmitted,
} from "@/db/queries/generation-lifecycle";
import { expireAbandonedGenerations } from "@/db/queries/generation-recovery";
import {
  dismissFailedGeneration,
  getGenerationById,
  getGenerationForUser,
  insertGeneration,
  listGenerationsByUser,
} from "@/db/queries/generations";
import { generations, media } from "@/db/schema";
import { databaseCases, setUpDatabase } from "../support/databases";
import { makeGeneration, makeUser, unlimitedBudget } from "../support/fixtures";

describe.each(databaseCases())("generations on $name", ({ open }) => {
  const database = setUpDatabase({ open });

  it("records one generation per idempotency key, however often it is sent", async () => {
    const user = await makeUser(database.db);
    const key = randomUUID();
    const base = {
      userId: user.id,
      idempotencyKey: key,
      mode: "generate" as const,
      model: "m",
      prompt: "p r o",
      aspectRatio: "1:1",
      quality: "basic" as const,
      costCredits: 12,
    };
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        insertGeneration(
          database.db,
          { ...base, callbackToken: `token-${key}-${i}` },
          { budget: unlimitedBudget() },
        ),
      ),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.generation.id)).size).toBe(1);
  });

  it("hides another user's generation behind not-found", async () => {
    const owner = await makeUser(database.db);
    const other = await makeUser(database.db);
    const generation = await makeGeneration(database.db, owner.id);
    const own = await getGenerationForUser(database.db, { id: generation.id, userId: owner.id });
    expect(own).toMatchObject({ id: generation.id, status: "pending", media: null });
    expect(own).not.toHaveProperty("callbackToken");
    expect(await getGenerationForUser(database.db, { id: generation.id, userId: other.id })).toBeUndefined();
  });

  it("pages history newest first by keyset, with ties on created_at broken by id", async () => {
    const user = await makeUser(database.db);
    const made = [];
    for (let i = 0; i < 7; i++) made.push(await makeGeneration(database.db, user.id, { prompt: `p${i}` }));
    // Two rows with the same timestamp must still page without loss or repetition.
    await database.db
      .update(generations)
      .set({ createdAt: made[3]?.createdAt })
      .where(eq(generations.id, made[4]?.id ?? ""));
    const seen: string[] = [];
    let before: { createdAt: Date; id: string } | undefined;
    for (;;) {
      const page = await listGenerationsByUser(database.db, { userId: user.id, limit: 3, before });
      seen.push(...page.items.map((g) => g.id));
      const last = page.items.at(-1);
      if (!page.hasMore || !last) break;
      before = { createdAt: last.createdAt, id: last.id };
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const all = await listGenerationsByUser(database.db, { userId: user.id, limit: 100 });
    expect(all.items.map((g) => g.id)).toEqual(seen);
  });

  it("lets exactly one caller submit, check status, or ingest at a time", async () => {
    const user = await makeUser(database.db);
    const generation = await makeGeneration(database.db, user.id);
    const submits = await Promise.all(
      Array.from({ length: 6 }, () => claimSubmission(database.db, generation.id, "a")),
    );
    expect(submits.filter((claimed) => claimed.length > 0)).toHaveLength(1);
    await markSubmitted(database.db, { ids: [generation.id], taskId: "t1", upstreamStatus: "IN_PROGRESS" });

    const checks = await Promise.all(
      Array.from({ length: 10 }, () =>
        claimStatusCheck(database.db, {
          id: generation.id,
          owner: "a",
          staleAfterMs: 60_000,
          leaseMs: 30_000,
        }),
      ),
    );
    expect(checks.filter(Boolean)).toHaveLength(1);

    const ingests = await Promise.all(
      Array.from({ length: 10 }, () =>
        claimIngest(database.db, {
          id: generation.id,
          owner: "a",
          resultUrl: "https://x/a.png",
          claimId: randomUUID(),
          claimTtlMs: 60_000,
        }),
      ),
    );
    expect(ingests.filter(Boolean)).toHaveLength(1);
  });

  it("rolls back a completed ingest whose claim was taken over: no media row, no success", async () => {
    const user = await makeUser(database.db);
    const generation = await makeGeneration(database.db, user.id);
    await markSubmitted(database.db, { ids: [generation.id], taskId: "t2", upstreamStatus: null });
    const stale = randomUUID();
    const claim = { id: generation.id, owner: "a", resultUrl: "https://x/a.png", claimTtlMs: 60_000 };
    expect(await claimIngest(database.db, { ...claim, claimId: stale })).toBeDefined();
    expect(await claimIngest(database.db, { ...claim, claimId: randomUUID() })).toBeUndefined();
    // The first claimant went quiet for longer than the claim's lifetime: presumed dead.
    await database.db
      .update(generations)
      .set({ ingestClaimedAt: sql`now() - interval '1 hour'` })
      .where(eq(generations.id, generation.id));
    const fresh = randomUUID();
    expect(await claimIngest(database.db, { ...claim, claimId: fresh })).toBeDefined();
    const image = {
      userId: user.id,
      kind: "result" as const,
      storageKey: "k",
      thumbnailKey: "t",
      contentType: "image/png",
      width: 1,
      height: 1,
      bytes: 1,
      placeholder: "",
    };
    expect(await completeIngest(database.db, { id: generation.id, claimId: stale, image })).toBe(false);
    expect(await database.db.select().from(media).where(eq(media.userId, user.id))).toHaveLength(0);
    expect(await completeIngest(database.db, { id: generation.id, claimId: fresh, image })).toBe(true);
    const done = await getGenerationById(database.db, generation.id);
    expect(done?.status).toBe("succeeded");
    expect(done?.media?.storageKey).toBe("k");
  });

  it("settles abandoned creates by what was sent, and times nothing out unasked", async () => {
    const user = await makeUser(database.db);
    const make = () => makeGeneration(database.db, user.id);
    const lostSend = await make();
    const lateSend = await make();
    const neverSent = await make();
    const recentUnsent = await make();
    const running = await make();
    const fresh = await make();
    for (const claimed of [lostSend, lateSend]) await claimSubmission(database.db, claimed.id, "a");
    await markSubmitted(database.db, { ids: [running.id], taskId: "t3", upstreamStatus: null });
    const age = (ids: string[], column: "created_at" | "submit_started_at", interval: string) =>
      database.db.execute(
        sql`update generations set ${sql.raw(column)} = now() - ${interval}::interval where id in ${ids}`,
      );
    await age([lostSend.id, lateSend.id, neverSent.id, running.id], "created_at", "20 minutes");
    await age([recentUnsent.id], "created_at", "1 minute");
    // Sent after a restart, long after it was recorded: its send is young, so it is not lost yet.
    await age([lostSend.id], "submit_started_at", "4 minutes");
    const counts = await expireAbandonedGenerations(database.db, {
      pendingForMs: { "api-in-one": 3 * 60_000, kie: 3 * 60_000, fal: 3 * 60_000, ark: 6 * 60_000 },
      unsentForMs: 10 * 60_000,
      downloadDeadlineMs: 2 * 60 * 60_000,
    });
    expect(counts).toEqual({ unknown: 1, notSent: 1, undownloaded: 0 });
    const row = async (id: string) => getGenerationForUser(database.db, { id, userId: user.id });
    expect(await row(lostSend.id)).toMatchObject({ status: "unknown", errorCode: "outcome_unknown" });
    expect(await row(neverSent.id)).toMatchObject({ status: "failed", errorCode: "not_sent" });
    expect((await row(neverSent.id))?.errorMessage).toContain("nothing was charged");
    expect((await row(lateSend.id))?.status).toBe("pending");
    expect((await row(recentUnsent.id))?.status).toBe("pending");
    // Past the deadline, but only a status check that finds it unfinished may time it out.
    expect((await row(running.id))?.status).toBe("running");
    expect((await row(fresh.id))?.status).toBe("pending");
  });

  it("dismisses only its owner's failed generations, which the studio's list then leaves out", async () => {
    const owner = await makeUser(database.db);
    const other = await makeUser(database.db);
    const failed = await makeGeneration(database.db, owner.id);
    const running = await makeGeneration(database.db, owner.id);
    await database.db.update(generations).set({ status: "failed" }).where(eq(generations.id, failed.id));
    await database.db.update(generations).set({ status: "running" }).where(eq(generations.id, running.id));

    expect(await dismissFailedGeneration(database.db, { id: failed.id, userId: other.id })).toBe(false);
    expect(await dismissFailedGeneration(database.db, { id: running.id, userId: owner.id })).toBe(false);
    expect(await dismissFailedGeneration(database.db, { id: failed.id, userId: owner.id })).toBe(true);

    const ids = async (filters: { hideDismissed?: boolean; status?: "failed" }) =>
      (await listGenerationsByUser(database.db, { userId: owner.id, limit: 10, filters })).items.map(
        (g) => g.id,
      );
    expect(await ids({ hideDismissed: true })).toEqual([running.id]);
    expect(await ids({ status: "failed" })).toEqual([failed.id]);

    // A dismissed outcome that was still open (unknown) and then succeeds comes back.
    const open = await makeGeneration(database.db, owner.id);
    await database.db.update(generations).set({ status: "unknown" }).where(eq(generations.id, open.id));
    expect(await dismissFailedGeneration(database.db, { id: open.id, userId: owner.id })).toBe(true);
    expect(await ids({ hideDismissed: true })).not.toContain(open.id);
    await database.db.update(generations).set({ status: "succeeded" }).where(eq(generations.id, open.id));
    expect(await ids({ hideDismissed: true })).toContain(open.id);
  });
});
