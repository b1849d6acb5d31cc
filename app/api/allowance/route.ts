import { getDb } from "@/db";
import { getAllowance } from "@/lib/billing/budget";
import { route } from "@/lib/http/route";

/** The signed-in user's cost per image and what is left of their limits today and this month. */
export const GET = route({ name: "allowance", auth: "user" }, async ({ user }) =>
  Response.json(await getAllowance(await getDb(), user.id)),
);
