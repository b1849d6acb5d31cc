"use server";

import { z } from "zod";
import { getDb } from "@/db";
import { setStarred } from "@/db/queries/generations";
import { createShare, revokeShare } from "@/db/queries/shares";
import { AppError } from "@/lib/errors";
import { deleteGenerations } from "@/lib/generations/gallery";
import { validatedActionWithUser } from "@/lib/http/action";
import { newShareToken } from "@/lib/shares/token";

const notFound = () => new AppError("not_found", "That image no longer exists.");

export const setStarredAction = validatedActionWithUser(
  "star",
  z.object({ id: z.uuid(), starred: z.boolean() }),
  async ({ id, starred }, user) => {
    if (!(await setStarred(await getDb(), { userId: user.id, id, starred }))) throw notFound();
    return { starred };
  },
);

export const deleteGenerationsAction = validatedActionWithUser(
  "delete generations",
  z.object({ ids: z.array(z.uuid()).min(1, "Select at least one image.").max(500) }),
  async ({ ids }, user) => {
    const deleted = await deleteGenerations(user.id, ids);
    if (deleted.length === 0) throw notFound();
    return { deleted };
  },
);

export const createShareAction = validatedActionWithUser(
  "create share",
  z.object({ generationId: z.uuid(), showPrompt: z.boolean(), allowIndexing: z.boolean() }),
  async (input, user) => {
    const share = await createShare(await getDb(), { ...input, userId: user.id, token: newShareToken() });
    if (!share) throw new AppError("not_found", "Only a finished image of yours can be shared.");
    return { id: share.id, token: share.token };
  },
);

export const revokeShareAction = validatedActionWithUser(
  "revoke share",
  z.object({ id: z.uuid() }),
  async ({ id }, user) => {
    if (!(await revokeShare(await getDb(), { userId: user.id, id }))) {
      throw new AppError("not_found", "That link no longer exists.");
    }
    return { revoked: id };
  },
);
