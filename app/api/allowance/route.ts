import { getDb } from "@/db";
import { getRequestUser } from "@/lib/auth/request-user";
import { getAllowance } from "@/lib/billing/budget";
import { AppError } from "@/lib/errors";
import { jsonError } from "@/lib/http/route";

/** The signed-in user's cost per image and what is left of their limits today and this month. */
export async function GET(request: Request) {
  try {
    const user = await getRequestUser(request);
    if (!user) throw new AppError("unauthorized", "Your session has ended. Sign in again.");
    const allowance = await getAllowance(await getDb(), user.id);
    return Response.json(allowance, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return jsonError(error, "allowance");
  }
}
