import { z } from "zod";
import { getRequestUser } from "@/lib/auth/request-user";
import { AppError } from "@/lib/errors";
import { getGenerationStatus } from "@/lib/generations/service";
import { jsonError, notFound } from "@/lib/http/route";

const paramsSchema = z.object({ id: z.uuid() });

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const parsed = paramsSchema.safeParse(await params);
    const userId = (await getRequestUser(request))?.id;
    if (!userId) throw new AppError("unauthorized", "Your session has ended. Sign in again.");
    if (!parsed.success) throw notFound();
    const generation = await getGenerationStatus(userId, parsed.data.id);
    return Response.json(generation, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return jsonError(error, "generation status");
  }
}
