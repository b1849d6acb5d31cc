import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { listSourcesFor } from "@/db/queries/generation-sources";
import {
  deleteGenerationsForUser,
  type HistoryFilters,
  listGenerationsByUser,
  setStarred,
} from "@/db/queries/generations";
import { insertMedia } from "@/db/queries/media";
import { createShare, getSharedImage, listSharesForUser, revokeShare } from "@/db/queries/shares";
import { media, shares } from "@/db/schema";
import { databaseCases, setUpDatabase } from "../support/databases";
import { makeGeneration, makeUser } from "../support/fixtures";

describe.each(databaseCases())("gallery and shares on $name", ({ open }) => {
  const database = setUpDatabase({ open });

  async function result(userId: string, prompt: string, extra: Parameters<typeof makeGeneration>[2] = {}) {
    const id = randomUUID();
    const item = await insertMedia(database.db, {
      id,
      userId,
      kind: "result",
      storageKey: `users/${userId}/results/${id}.png`,
      thumbnailKey: `users/${userId}/results/${id}-thumbnail.webp`,
      contentType: "image/png",
      width: 2048,
      height: 2048,
      bytes: 1000,
      placeholder: "data:image/webp;base64,AA",
    });
    return makeGeneration(database.db, userId, {
      prompt,
      status: "succeeded",
      resultMediaId: item.id,
      ...extra,
    });
  }

  async function everything(userId: string, filters: HistoryFilters, limit = 2) {
    const seen: string[] = [];
    let before: { createdAt: Date; id: string } | undefined;
    for (;;) {
      const page = await listGenerationsByUser(database.db, { userId, limit, before, filters });
      seen.push(...page.items.map((item) => item.prompt));
      const last = page.items.at(-1);
      if (!page.hasMore || !last) return seen;
      before = { createdAt: last.createdAt, id: last.id };
    }
  }

  it("searches every word case-insensitively, with LIKE wildcards taken literally, page by page", async () => {
    const user = await makeUser(database.db);
    for (const prompt of [
      "Red lighthouse",
      "red LIGHTHOUSE at night",
      "blue lighthouse",
      "100% red",
      "10_0 red",
    ]) {
      await result(user.id, prompt);
    }
    expect(await everything(user.id, { q: "RED lighthouse" })).toEqual([
      "red LIGHTHOUSE at night",
      "Red lighthouse",
    ]);
    expect(await everything(user.id, { q: "100%" })).toEqual(["100% red"]);
    expect(await everything(user.id, { q: "10_" })).toEqual(["10_0 red"]);
    expect(await everything(user.id, { q: "%" })).toEqual(["100% red"]);
    expect(await everything(user.id, { q: "lighthouse" }, 1)).toHaveLength(3);
  });

  it("filters by mode, status group and star, and never shows another user's rows", async () => {
    const user = await makeUser(database.db);
    const stranger = await makeUser(database.db);
    const starred = await result(user.id, "a starred one");
    await result(user.id, "an edit", { mode: "edit" });
    await makeGeneration(database.db, user.id, { prompt: "a failure", status: "failed" });
    await makeGeneration(database.db, user.id, { prompt: "an unknown", status: "unknown" });
    await makeGeneration(database.db, user.id, { prompt: "a running one", status: "running" });
    await result(stranger.id, "a starred one of someone else");
    expect(await setStarred(database.db, { userId: user.id, id: starred.id, starred: true })).toBe(true);
    expect(await setStarred(database.db, { userId: stranger.id, id: starred.id, starred: false })).toBe(
      false,
    );

    expect(await everything(user.id, { starred: true })).toEqual(["a starred one"]);
    expect(await everything(user.id, { mode: "edit" })).toEqual(["an edit"]);
    expect(await everything(user.id, { status: "failed" })).toEqual(["an unknown", "a failure"]);
    expect(await everything(user.id, { status: "running" })).toEqual(["a running one"]);
    expect(await everything(user.id, { status: "done" })).toEqual(["an edit", "a starred one"]);
    expect(await everything(user.id, { q: "someone" })).toEqual([]);
  });

  it("deletes only the user's generations, with their media and shares; edits keep a gap", async () => {
    const user = await makeUser(database.db);
    const stranger = await makeUser(database.db);
    const first = await result(user.id, "the original");
    const edit = await makeGeneration(database.db, user.id, { mode: "edit" }, [first.resultMediaId ?? ""]);
    await createShare(database.db, {
      token: randomBytes(32).toString("base64url"),
      userId: user.id,
      generationId: first.id,
      showPrompt: false,
      allowIndexing: false,
    });
    const theirs = await result(stranger.id, "not yours");

    const refused = await deleteGenerationsForUser(database.db, { userId: user.id, ids: [theirs.id] });
    expect(refused).toEqual({ deleted: [], storageKeys: [] });
    const done = await deleteGenerationsForUser(database.db, { userId: user.id, ids: [first.id, theirs.id] });
    expect(done.deleted).toEqual([first.id]);
    expect(done.storageKeys).toEqual([
      `users/${user.id}/results/${first.resultMediaId}.png`,
      `users/${user.id}/results/${first.resultMediaId}-thumbnail.webp`,
      `users/${user.id}/results/${first.resultMediaId}-medium.webp`,
      `users/${user.id}/results/${first.resultMediaId}-display.webp`,
      // The shared image's link preview, stored on its first request, goes with it.
      `users/${user.id}/results/${first.resultMediaId}-preview.jpg`,
    ]);
    expect(
      await database.db
        .select()
        .from(media)
        .where(eq(media.id, first.resultMediaId ?? "")),
    ).toHaveLength(0);
    expect(await database.db.select().from(shares).where(eq(shares.generationId, first.id))).toHaveLength(0);
    const sources = (await listSourcesFor(database.db, { userId: user.id, generationIds: [edit.id] })).get(
      edit.id,
    );
    expect(sources).toEqual([{ generationId: edit.id, position: 0, media: null, fromGenerationId: null }]);
    expect(await everything(stranger.id, {})).toEqual(["not yours"]);
  });

  it("shares only finished images of the owner, counts every view, and forgets a revoked link", async () => {
    const owner = await makeUser(database.db);
    const stranger = await makeUser(database.db);
    const done = await result(owner.id, "shareable");
    const running = await makeGeneration(database.db, owner.id, { status: "running" });
    const token = randomBytes(32).toString("base64url");
    const base = { token, showPrompt: true, allowIndexing: false };
    expect(
      await createShare(database.db, { ...base, userId: stranger.id, generationId: done.id }),
    ).toBeUndefined();
    expect(
      await createShare(database.db, { ...base, userId: owner.id, generationId: running.id }),
    ).toBeUndefined();
    const share = await createShare(database.db, { ...base, userId: owner.id, generationId: done.id });
    expect(share?.token).toBe(token);

    await Promise.all(
      Array.from({ length: 20 }, () => getSharedImage(database.db, { token, countView: true })),
    );
    const [listed] = await listSharesForUser(database.db, { userId: owner.id });
    expect(listed).toMatchObject({ viewCount: 20, prompt: "shareable", mediaId: done.resultMediaId });
    expect(await listSharesForUser(database.db, { userId: stranger.id })).toEqual([]);

    expect(await revokeShare(database.db, { userId: stranger.id, id: share?.id ?? "" })).toBe(false);
    expect(await getSharedImage(database.db, { token, countView: false })).toMatchObject({
      prompt: "shareable",
    });
    expect(await revokeShare(database.db, { userId: owner.id, id: share?.id ?? "" })).toBe(true);
    expect(await getSharedImage(database.db, { token, countView: true })).toBeUndefined();
  });
});
