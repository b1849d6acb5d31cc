import { describe, expect, it } from "vitest";
import {
  createCollection,
  deleteCollection,
  listCollectionsForUser,
  renameCollection,
  setCollectionMembership,
} from "@/db/queries/collections";
import {
  deleteGenerationsForUser,
  getAdjacentGenerationIds,
  listGenerationsByUser,
} from "@/db/queries/generations";
import { databaseCases, setUpDatabase } from "../support/databases";
import { makeGeneration, makeUser } from "../support/fixtures";

describe.each(databaseCases())("collections on $name", ({ open }) => {
  const database = setUpDatabase({ open });

  const boardPrompts = async (userId: string, board: string) =>
    (await listGenerationsByUser(database.db, { userId, limit: 50, filters: { board } })).items.map(
      (item) => item.prompt,
    );

  it("keeps an image on several boards, filters the gallery by board, and removes it again", async () => {
    const user = await makeUser(database.db);
    const fox = await makeGeneration(database.db, user.id, {
      prompt: "fox",
      createdAt: new Date(Date.UTC(2026, 0, 1)),
    });
    const owl = await makeGeneration(database.db, user.id, {
      prompt: "owl",
      createdAt: new Date(Date.UTC(2026, 0, 2)),
    });
    const animals = await createCollection(database.db, { userId: user.id, name: "Animals" });
    const night = await createCollection(database.db, { userId: user.id, name: "night" });
    if (!animals || !night) throw new Error("boards not created");
    const add = (collectionId: string, generationId: string, member = true) =>
      setCollectionMembership(database.db, { userId: user.id, collectionId, generationId, member });

    expect(await add(animals.id, fox.id)).toBe(true);
    expect(await add(animals.id, fox.id)).toBe(true); // twice: still once
    expect(await add(night.id, fox.id)).toBe(true);
    expect(await add(animals.id, owl.id)).toBe(true);

    expect(await boardPrompts(user.id, animals.id)).toEqual(["owl", "fox"]);
    expect(await boardPrompts(user.id, night.id)).toEqual(["fox"]);
    expect(await listCollectionsForUser(database.db, { userId: user.id, generationId: owl.id })).toEqual([
      { id: animals.id, name: "Animals", count: 2, hasImage: true },
      { id: night.id, name: "night", count: 1, hasImage: false },
    ]);

    expect(await add(animals.id, fox.id, false)).toBe(true);
    expect(await boardPrompts(user.id, animals.id)).toEqual(["owl"]);
    expect(await boardPrompts(user.id, night.id)).toEqual(["fox"]);

    // Deleting an image takes it off its boards; deleting a board keeps its images.
    await deleteGenerationsForUser(database.db, { userId: user.id, ids: [owl.id] });
    expect(await boardPrompts(user.id, animals.id)).toEqual([]);
    expect(await deleteCollection(database.db, { userId: user.id, id: night.id })).toBe(true);
    expect((await listGenerationsByUser(database.db, { userId: user.id, limit: 5 })).items).toHaveLength(1);
  });

  it("names boards once per user whatever the capitals, and renames them", async () => {
    const user = await makeUser(database.db);
    const other = await makeUser(database.db);
    const first = await createCollection(database.db, { userId: user.id, name: "Moodboard" });
    expect(await createCollection(database.db, { userId: user.id, name: "MOODBOARD" })).toBeUndefined();
    expect(await createCollection(database.db, { userId: other.id, name: "Moodboard" })).toBeDefined();
    const second = await createCollection(database.db, { userId: user.id, name: "Later" });
    if (!first || !second) throw new Error("boards not created");
    expect(await renameCollection(database.db, { userId: user.id, id: second.id, name: "moodBoard" })).toBe(
      "name_taken",
    );
    expect(await renameCollection(database.db, { userId: user.id, id: second.id, name: "Keep" })).toBe(
      "renamed",
    );
    expect((await listCollectionsForUser(database.db, { userId: user.id })).map((b) => b.name)).toEqual([
      "Keep",
      "Moodboard",
    ]);
  });

  it("never lets one user see, change, fill or filter by another's boards, nor board another's image", async () => {
    const owner = await makeUser(database.db);
    const intruder = await makeUser(database.db);
    const ownersImage = await makeGeneration(database.db, owner.id, { prompt: "owner's" });
    const intrudersImage = await makeGeneration(database.db, intruder.id, { prompt: "intruder's" });
    const board = await createCollection(database.db, { userId: owner.id, name: "Private" });
    const intrudersBoard = await createCollection(database.db, { userId: intruder.id, name: "Mine" });
    if (!board || !intrudersBoard) throw new Error("boards not created");
    await setCollectionMembership(database.db, {
      userId: owner.id,
      collectionId: board.id,
      generationId: ownersImage.id,
      member: true,
    });

    expect(await listCollectionsForUser(database.db, { userId: intruder.id })).toEqual([
      { id: intrudersBoard.id, name: "Mine", count: 0, hasImage: false },
    ]);
    expect(await renameCollection(database.db, { userId: intruder.id, id: board.id, name: "x" })).toBe(
      "not_found",
    );
    expect(await deleteCollection(database.db, { userId: intruder.id, id: board.id })).toBe(false);
    // The intruder's image on the owner's board, the owner's image on the intruder's board, the
    // owner's board emptied by the intruder: all refused, nothing changed.
    for (const attempt of [
      { collectionId: board.id, generationId: intrudersImage.id, member: true },
      { collectionId: intrudersBoard.id, generationId: ownersImage.id, member: true },
      { collectionId: board.id, generationId: ownersImage.id, member: false },
    ]) {
      expect(await setCollectionMembership(database.db, { userId: intruder.id, ...attempt })).toBe(false);
    }
    // Filtering by someone else's board shows nothing of theirs, nor of one's own.
    expect(await boardPrompts(intruder.id, board.id)).toEqual([]);
    expect(await boardPrompts(owner.id, intrudersBoard.id)).toEqual([]);
    expect(await boardPrompts(owner.id, board.id)).toEqual(["owner's"]);
    expect(await listCollectionsForUser(database.db, { userId: owner.id })).toEqual([
      { id: board.id, name: "Private", count: 1, hasImage: false },
    ]);
  });
});

describe.each(databaseCases())("neighbours of an image on $name", ({ open }) => {
  const database = setUpDatabase({ open });

  it("gives the newer and older of the user's own images only", async () => {
    const user = await makeUser(database.db);
    const other = await makeUser(database.db);
    const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute));
    const first = await makeGeneration(database.db, user.id, { prompt: "first", createdAt: at(1) });
    await makeGeneration(database.db, other.id, { prompt: "someone else's, in between", createdAt: at(2) });
    const second = await makeGeneration(database.db, user.id, { prompt: "second", createdAt: at(3) });
    const third = await makeGeneration(database.db, user.id, { prompt: "third", createdAt: at(4) });
    const around = (id: string, userId = user.id) => getAdjacentGenerationIds(database.db, { userId, id });
    expect(await around(second.id)).toEqual({ newer: third.id, older: first.id });
    expect(await around(third.id)).toEqual({ newer: null, older: second.id });
    expect(await around(first.id)).toEqual({ newer: second.id, older: null });
    expect(await around(second.id, other.id)).toEqual({ newer: null, older: null });
  });
});
