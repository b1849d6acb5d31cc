import { and, eq, inArray } from "drizzle-orm";
import type { LimitOverride, LimitSetting } from "@/lib/billing/limits";
import type { Db } from "../client";
import { type LimitKind, userLimits } from "../schema";

export async function listLimitOverrides(db: Db, userId: string): Promise<LimitOverride[]> {
  return db
    .select({ kind: userLimits.kind, value: userLimits.value })
    .from(userLimits)
    .where(eq(userLimits.userId, userId));
}

/** Every user's overrides, for the admin's table. */
export async function listAllLimitOverrides(db: Db): Promise<Map<string, LimitOverride[]>> {
  const rows = await db
    .select({ userId: userLimits.userId, kind: userLimits.kind, value: userLimits.value })
    .from(userLimits);
  const byUser = new Map<string, LimitOverride[]>();
  for (const { userId, ...override } of rows) byUser.set(userId, [...(byUser.get(userId) ?? []), override]);
  return byUser;
}

/**
 * Sets a user's limits as the admin chose: "default" removes the override, "unlimited" stores a
 * null, a number stores the number. Both kinds in one transaction, so the audit line matches.
 */
export async function setLimitOverrides(
  db: Db,
  {
    userId,
    settings,
    adminId,
  }: { userId: string; settings: Record<LimitKind, LimitSetting>; adminId: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const entries = Object.entries(settings) as [LimitKind, LimitSetting][];
    const toDefault = entries.filter(([, setting]) => setting.kind === "default").map(([kind]) => kind);
    if (toDefault.length > 0) {
      await tx
        .delete(userLimits)
        .where(and(eq(userLimits.userId, userId), inArray(userLimits.kind, toDefault)));
    }
    for (const [kind, setting] of entries) {
      if (setting.kind === "default") continue;
      const value = setting.kind === "unlimited" ? null : setting.value;
      await tx
        .insert(userLimits)
        .values({ userId, kind, value, updatedById: adminId })
        .onConflictDoUpdate({
          target: [userLimits.userId, userLimits.kind],
          set: { value, updatedById: adminId, updatedAt: new Date() },
        });
    }
  });
}
