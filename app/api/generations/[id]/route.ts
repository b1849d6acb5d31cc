import { z } from "zod";
import { getGenerationStatus } from "@/lib/generations/service";
import { route } from "@/lib/http/route";

export const GET = route(
  { name: "generation status", auth: "user", params: z.object({ id: z.uuid() }) },
  async ({ user, params }) => Response.json(await getGenerationStatus(user.id, params.id)),
);
