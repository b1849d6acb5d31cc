import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
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
import { databaseCases } from "../support/databases";
import { makeGeneration, makeUser } from "../support/fixtures";

describe.each(databaseCases())("gallery and shares on $name", ({ open }) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await open();
  });
  afterAll(() => handle.close());

  async function result(userId: string, prompt: string, extra: Parameters<typeof makeGeneration>[2] = {}) {
    const id = randomUUID();
    const item = await insertMedia(handle.db, {
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
    return makeGeneration(handle.db, userId, {
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
      const page = await listGenerationsByUser(handle.db, { userId, limit, before, filters });
      seen.push(...page.items.map((item) => item.prompt));
      const last = page.items.at(-1);
      if (!page.hasMore || !last) return seen;
      before = { createdAt: last.createdAt, id: last.id };
    }
  }

  it("searches every word case-insensitively, with LIKE wildcards taken literally, page by page", async () => {
    const user = await makeUser(handle.db);
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
    const user = await makeUser(handle.db);
    const stranger = await makeUser(handle.db);
    const starred = await result(user.id, "a starred one");
    await result(user.id, "an edit", { mode: "edit" });
    await makeGeneration(handle.db, user.id, { prompt: "a failure", status: "failed" });
    await makeGeneration(handle.db, user.id, { prompt: "an unknown", status: "unknown" });
    await makeGeneration(handle.db, user.id, { prompt: "a running one", status: "running" });
    await result(stranger.id, "a starred one of someone else");
    expect(await setStarred(handle.db, { userId: user.id, id: starred.id, starred: true })).toBe(true);
    expect(await setStarred(handle.db, { userId: stranger.id, id: starred.id, starred: false })).toBe(false);

    expect(await everything(user.id, { starred: true })).toEqual(["a starred one"]);
    expect(await everything(user.id, { mode: "edit" })).toEqual(["an edit"]);
    expect(await everything(user.id, { status: "failed" })).toEqual(["an unknown", "a failure"]);
    expect(await everything(user.id, { status: "running" })).toEqual(["a running one"]);
    expect(await everything(user.id, { status: "done" })).toEqual(["an edit", "a starred one"]);
    expect(await everything(user.id, { q: "someone" })).toEqual([]);
  });

  it("deletes only the user's generations, with their media and shares; edits keep a gap", async () => {
    const user = await makeUser(handle.db);
    const stranger = await makeUser(handle.db);
    const first = await result(user.id, "the original");
    const edit = await makeGeneration(handle.db, user.id, { mode: "edit" }, [first.resultMediaId ?? ""]);
    await createShare(handle.db, {
      token: randomBytes(32).toString("base64url"),
      userId: user.id,
      generationId: first.id,
      showPrompt: false,
      allowIndexing: false,
    });
    const theirs = await result(stranger.id, "not yours");

    const refused = await deleteGenerationsForUser(handle.db, { userId: user.id, ids: [theirs.id] });
    expect(refused).toEqual({ deleted: [], storageKeys: [] });
    const done = await deleteGenerationsForUser(handle.db, { userId: user.id, ids: [first.id, theirs.id] });
    expect(done.deleted).toEqual([first.id]);
    expect(done.storageKeys).toEqual([
      `users/${user.id}/results/${first.resultMediaId}.png`,
      `users/${user.id}/results/${first.resultMediaId}-thumbnail.webp`,
      `users/${user.id}/results/${first.resultMediaId}-display.webp`,
      // The shared image's link preview, stored on its first request, goes with it.
      `users/${user.id}/results/${first.resultMediaId}-preview.jpg`,
    ]);
    expect(
      await handle.db
        .select()
        .from(media)
        .where(eq(media.id, first.resultMediaId ?? "")),
    ).toHaveLength(0);
    expect(await handle.db.select().from(shares).where(eq(shares.generationId, first.id))).toHaveLength(0);
    const sources = (await listSourcesFor(handle.db, { userId: user.id, generationIds: [edit.id] })).get(
      edit.id,
    );
    expect(sources).toEqual([{ generationId: edit.id, position: 0, media: null, fromGenerationId: null }]);
    expect(await everything(stranger.id, {})).toEqual(["not yours"]);
  });

  it("shares only finished images of the owner, counts every view, and forgets a revoked link", async () => {
    const owner = await makeUser(handle.db);
    const stranger = await makeUser(handle.db);
    const done = await result(owner.id, "shareable");
    const running = await makeGeneration(handle.db, owner.id, { status: "running" });
    const token = randomBytes(32).toString("base64url");
    const base = { token, showPrompt: true, allowIndexing: false };
    expect(
      await createShare(handle.db, { ...base, userId: stranger.id, generationId: done.id }),
    ).toBeUndefined();
    expect(
      await createShare(handle.db, { ...base, userId: owner.id, generationId: running.id }),
    ).toBeUndefined();
    const share = await createShare(handle.db, { ...base, userId: owner.id, generationId: done.id });
    expect(share?.token).toBe(token);

    await Promise.all(
      Array.from({ length: 20 }, () => getSharedImage(handle.db, { token, countView: true })),
    );
    const [listed] = await listSharesForUser(handle.db, { userId: owner.id });
    expect(listed).toMatchObject({ viewCount: 20, prompt: "shareable", mediaId: done.resultMediaId });
    expect(await listSharesForUser(handle.db, { userId: stranger.id })).toEqual([]);

    expect(await revokeShare(handle.db, { userId: stranger.id, id: share?.id ?? "" })).toBe(false);
    expect(await getSharedImage(handle.db, { token, countView: false })).toMatchObject({
      prompt: "shareable",
    });
    expect(await revokeShare(handle.db, { userId: owner.id, id: share?.id ?? "" })).toBe(true);
    expect(await getSharedImage(handle.db, { token, countView: true })).toBeUndefined();
  });
});
