import "server-only";
import { getDb } from "@/db";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { settlePossiblyCharged } from "@/db/queries/usage-reports";
import { listLimitOverrides, setLimitOverrides } from "@/db/queries/user-limits";
import { getUserById } from "@/db/queries/users";
import type { LimitKind, User } from "@/db/schema";
import { clearCreditsBreaker } from "@/lib/billing/credit-breaker";
import { describeSetting, type LimitSetting, settingFor } from "@/lib/billing/limits";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import type { ProviderId } from "@/lib/providers/types";

const LIMIT_WORDS: Record<LimitKind, string> = {
  daily_images: "images per day",
  monthly_credits: "credits per month",
};

const defaultFor = (kind: LimitKind) =>
  kind === "daily_images" ? env().USER_DAILY_IMAGES : env().USER_MONTHLY_CREDITS;

/** Sets a user's own limits (or unlimited, or back to the default), audited as old → new. */
export async function setUserLimits(
  admin: User,
  { userId, limits }: { userId: string; limits: Record<LimitKind, LimitSetting> },
) {
  const db = await getDb();
  const user = await getUserById(db, userId);
  if (!user) throw new AppError("not_found", "That user no longer exists.");
  const before = await listLimitOverrides(db, userId);
  await setLimitOverrides(db, { userId, settings: limits, adminId: admin.id });
  const changes = (Object.keys(limits) as LimitKind[]).map((kind) => {
    const was = describeSetting(settingFor(before, kind), defaultFor(kind));
    const now = describeSetting(limits[kind], defaultFor(kind));
    return `${LIMIT_WORDS[kind]}: ${was === now ? now : `${was} → ${now}`}`;
  });
  await insertAuditEvent(db, {
    action: "limits_changed",
    actorId: admin.id,
    subjectId: user.id,
    email: user.email,
    detail: changes.join("; "),
  });
  return { id: user.id };
}

/** Decides a possibly charged outcome after checking the upstream's own records. */
export async function settleHold(
  admin: User,
  { generationId, as }: { generationId: string; as: "charged" | "released" },
) {
  const db = await getDb();
  const settled = await settlePossiblyCharged(db, { generationId, as, adminId: admin.id });
  if (!settled) throw new AppError("conflict", "That generation is already settled.");
  const user = await getUserById(db, settled.userId);
  await insertAuditEvent(db, {
    action: "billing_settled",
    actorId: admin.id,
    subjectId: settled.userId,
    email: user?.email ?? null,
    detail: `generation ${generationId}: ${as}, ${settled.credits} credits`,
  });
  return { id: generationId, as };
}

export async function resumeSubmissions(admin: User, provider: ProviderId) {
  return clearCreditsBreaker(await getDb(), admin.id, provider);
}
