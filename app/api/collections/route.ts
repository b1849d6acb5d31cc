import { z } from "zod";
import { getDb } from "@/db";
import { listCollectionsForUser } from "@/db/queries/collections";
import { route } from "@/lib/http/route";

/** The signed-in user's boards, and which of them hold `generationId` when it is given. */
export const GET = route(
  { name: "collections", auth: "user", query: z.object({ generationId: z.uuid().optional() }) },
  async ({ user, query: { generationId } }) =>
    Response.json({ boards: await listCollectionsForUser(await getDb(), { userId: user.id, generationId }) }),
);
