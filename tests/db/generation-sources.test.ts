import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { listSourceStorageKeys, listSourcesFor } from "@/db/queries/generation-sources";
import { getGenerationById, UnavailableReferenceError } from "@/db/queries/generations";
import { deleteUnusedUploads, insertMedia } from "@/db/queries/media";
import { generationSources, generations, media } from "@/db/schema";
import { REFERENCE_URL_TTL_SECONDS, submitGeneration } from "@/lib/generations/submit";
import type { MediaStorage } from "@/lib/media/storage";
import { PROVIDER_PROFILES } from "@/lib/providers/profiles";
import type { CanonicalRequest } from "@/lib/providers/types";
import type { Upstream } from "@/lib/upstream";
import { databaseCases, setUpDatabase } from "../support/databases";
import { makeGeneration, makeUser } from "../support/fixtures";
import { testUpstream } from "../support/upstream";

const editValues = { mode: "edit" as const, model: "seedream/4.5-edit" };

function recordingUpstream(): { upstream: Upstream; sent: CanonicalRequest[] } {
  const sent: CanonicalRequest[] = [];
  return {
    sent,
    upstream: testUpstream([
      {
        ...PROVIDER_PROFILES["api-in-one"],
        async submit(request) {
          sent.push(request);
          return { kind: "queued", providerTaskId: `task-${sent.length}` };
        },
        async poll() {
          throw new Error("not used");
        },
        callbackTaskId: () => null,
      },
    ]),
  };
}

const signingStorage: MediaStorage = {
  put: async () => {},
  get: async () => null,
  exists: async () => false,
  delete: async () => {},
  signedUrl: (key, { expiresInSeconds }) => `https://app.example/media/signed/${key}?ttl=${expiresInSeconds}`,
};

describe.each(databaseCases())("edit sources on $name", ({ open }) => {
  const database = setUpDatabase({ open });

  async function makeMedia(userId: string, kind: "upload" | "result" = "upload") {
    const id = randomUUID();
    return insertMedia(database.db, {
      id,
      userId,
      kind,
      storageKey: `users/${userId}/${kind}s/${id}.png`,
      thumbnailKey: `users/${userId}/${kind}s/${id}-thumbnail.webp`,
      contentType: "image/png",
      width: 64,
      height: 48,
      bytes: 100,
      placeholder: "data:image/webp;base64,AA",
    });
  }

  it("records an edit's references in prompt order, once per idempotency key", async () => {
    const user = await makeUser(database.db);
    const [a, b, c] = [await makeMedia(user.id), await makeMedia(user.id), await makeMedia(user.id)];
    const key = randomUUID();
    const order = [c.id, a.id, b.id];
    const first = await makeGeneration(database.db, user.id, { ...editValues, idempotencyKey: key }, order);
    const again = await makeGeneration(database.db, user.id, { ...editValues, idempotencyKey: key }, [a.id]);
    expect(again.id).toBe(first.id);
    const sources = (await listSourcesFor(database.db, { userId: user.id, generationIds: [first.id] })).get(
      first.id,
    );
    expect(sources?.map((s) => s.media?.id)).toEqual(order);
  });

  it("refuses another user's image or an unknown one and records nothing", async () => {
    const owner = await makeUser(database.db);
    const intruder = await makeUser(database.db);
    const theirs = await makeMedia(owner.id);
    const mine = await makeMedia(intruder.id);
    for (const ids of [[mine.id, theirs.id], [randomUUID()]]) {
      const key = randomUUID();
      await expect(
        makeGeneration(database.db, intruder.id, { ...editValues, idempotencyKey: key }, ids),
      ).rejects.toBeInstanceOf(UnavailableReferenceError);
      const rows = await database.db.select().from(generations).where(eq(generations.idempotencyKey, key));
      expect(rows).toHaveLength(0);
    }
    const sourceRows = await database.db
      .select()
      .from(generationSources)
      .where(eq(generationSources.mediaId, theirs.id));
    expect(sourceRows).toHaveLength(0);
  });

  it("links a source that is a result back to the generation that made it", async () => {
    const user = await makeUser(database.db);
    const result = await makeMedia(user.id, "result");
    const first = await makeGeneration(database.db, user.id, {
      status: "succeeded",
      resultMediaId: result.id,
    });
    const upload = await makeMedia(user.id);
    const edit = await makeGeneration(database.db, user.id, editValues, [result.id, upload.id]);
    const sources = (await listSourcesFor(database.db, { userId: user.id, generationIds: [edit.id] })).get(
      edit.id,
    );
    expect(sources?.map((s) => s.fromGenerationId)).toEqual([first.id, null]);
    // Nobody else can read an edit's sources, even knowing its id.
    const stranger = await makeUser(database.db);
    expect((await listSourcesFor(database.db, { userId: stranger.id, generationIds: [edit.id] })).size).toBe(
      0,
    );
  });

  it("sends signed, expiring URLs for the references in prompt order", async () => {
    const user = await makeUser(database.db);
    const [a, b] = [await makeMedia(user.id), await makeMedia(user.id)];
    const edit = await makeGeneration(database.db, user.id, editValues, [b.id, a.id]);
    const { upstream, sent } = recordingUpstream();
    await submitGeneration(
      { db: database.db, upstream, storage: signingStorage, instanceId: "sources-test" },
      edit.id,
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]?.mode).toBe("edit");
    expect(sent[0]?.references).toEqual(
      [b, a].map((m) => `https://app.example/media/signed/${m.storageKey}?ttl=${REFERENCE_URL_TTL_SECONDS}`),
    );
    expect(REFERENCE_URL_TTL_SECONDS).toBeGreaterThanOrEqual(15 * 60);
    expect(REFERENCE_URL_TTL_SECONDS).toBeLessThanOrEqual(24 * 60 * 60);
  });

  it("fails an edit whose reference was deleted before sending, without calling the upstream", async () => {
    const user = await makeUser(database.db);
    const [a, b] = [await makeMedia(user.id), await makeMedia(user.id)];
    const edit = await makeGeneration(database.db, user.id, editValues, [a.id, b.id]);
    await database.db.delete(media).where(eq(media.id, b.id));
    expect(await listSourceStorageKeys(database.db, edit.id)).toEqual([a.storageKey, null]);
    const { upstream, sent } = recordingUpstream();
    await submitGeneration(
      { db: database.db, upstream, storage: signingStorage, instanceId: "sources-test" },
      edit.id,
    );
    expect(sent).toHaveLength(0);
    const after = await getGenerationById(database.db, edit.id);
    expect(after).toMatchObject({ status: "failed", errorCode: "reference_missing" });
  });

  it("deletes uploads no edit used once they are old, and nothing else", async () => {
    const user = await makeUser(database.db);
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    const [unused, used, fresh, result] = [
      await makeMedia(user.id),
      await makeMedia(user.id),
      await makeMedia(user.id),
      await makeMedia(user.id, "result"),
    ];
    await makeGeneration(database.db, user.id, editValues, [used.id]);
    await database.db
      .update(media)
      .set({ createdAt: twoDaysAgo })
      .where(inArray(media.id, [unused.id, used.id, result.id]));
    const keys = await deleteUnusedUploads(database.db, { olderThanMs: 86_400_000, limit: 100 });
    expect(keys).toEqual(expect.arrayContaining([unused.storageKey, unused.thumbnailKey]));
    const left = await database.db.select({ id: media.id }).from(media).where(eq(media.userId, user.id));
    expect(left.map((row) => row.id).sort()).toEqual([used.id, fresh.id, result.id].sort());
  });
});
