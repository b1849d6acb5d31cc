"use server";

import { z } from "zod";
import { getDb } from "@/db";
import {
  countCollections,
  createCollection,
  deleteCollection,
  renameCollection,
  setCollectionMembership,
} from "@/db/queries/collections";
import { boardNameSchema } from "@/lib/collections/board-name";
import { AppError } from "@/lib/errors";
import { validatedActionWithUser } from "@/lib/http/action";

// Plenty for anyone's work, and no table grows without end on one user's say. A soft cap: two
// creates racing past it make 201, which harms nothing.
const MAX_BOARDS = 200;

const nameTaken = () => new AppError("conflict", "You already have a board with that name.");
const boardGone = () => new AppError("not_found", "That board no longer exists.");

export const createCollectionAction = validatedActionWithUser(
  "create collection",
  z.object({ name: boardNameSchema }),
  async ({ name }, user) => {
    const db = await getDb();
    if ((await countCollections(db, { userId: user.id })) >= MAX_BOARDS) {
      throw new AppError(
        "conflict",
        `You have ${MAX_BOARDS} boards, the most there can be. Delete one first.`,
      );
    }
    const board = await createCollection(db, { userId: user.id, name });
    if (!board) throw nameTaken();
    return { id: board.id, name: board.name };
  },
);

export const renameCollectionAction = validatedActionWithUser(
  "rename collection",
  z.object({ id: z.uuid(), name: boardNameSchema }),
  async ({ id, name }, user) => {
    const outcome = await renameCollection(await getDb(), { userId: user.id, id, name });
    if (outcome === "name_taken") throw nameTaken();
    if (outcome === "not_found") throw boardGone();
    return { id, name };
  },
);

export const deleteCollectionAction = validatedActionWithUser(
  "delete collection",
  z.object({ id: z.uuid() }),
  async ({ id }, user) => {
    if (!(await deleteCollection(await getDb(), { userId: user.id, id }))) throw boardGone();
    return { id };
  },
);

export const setCollectionMembershipAction = validatedActionWithUser(
  "set collection membership",
  z.object({ collectionId: z.uuid(), generationId: z.uuid(), member: z.boolean() }),
  async (input, user) => {
    if (!(await setCollectionMembership(await getDb(), { userId: user.id, ...input }))) {
      throw new AppError("not_found", "That board or image no longer exists.");
    }
    return input;
  },
);
