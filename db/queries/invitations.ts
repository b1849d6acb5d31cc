import { and, desc, eq, gt, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "../client";
import { type Invitation, invitationRedemptions, invitations, type UserRole, users } from "../schema";

export async function createInvitation(
  db: Db,
  values: {
    tokenHash: string;
    createdById: string;
    email: string | null;
    role: UserRole;
    maxUses: number;
    expiresAt: Date;
  },
): Promise<Invitation> {
  const [row] = await db.insert(invitations).values(values).returning();
  if (!row) throw new Error("createInvitation: insert returned no row");
  return row;
}

export type InvitationState = "usable" | "unknown" | "revoked" | "expired" | "used_up" | "wrong_email";

/** Why an invitation can or cannot be used now, for the message a visitor sees. */
export function invitationState(invitation: Invitation | undefined, email?: string | null): InvitationState {
  if (!invitation) return "unknown";
  if (invitation.revokedAt) return "revoked";
  if (invitation.expiresAt.getTime() <= Date.now()) return "expired";
  if (invitation.uses >= invitation.maxUses) return "used_up";
  if (email && invitation.email && invitation.email !== email) return "wrong_email";
  return "usable";
}

export async function getInvitationByTokenHash(db: Db, tokenHash: string): Promise<Invitation | undefined> {
  const [row] = await db.select().from(invitations).where(eq(invitations.tokenHash, tokenHash)).limit(1);
  return row;
}

/**
 * Takes one use of a usable invitation with a single conditional UPDATE: ten people redeeming a
 * one-use link at once get one success, whichever instance they reach. Call it in the transaction
 * that creates the account, so a refused account gives the use back.
 */
export async function takeInvitationUse(
  db: Db,
  { tokenHash, email }: { tokenHash: string; email: string },
): Promise<Invitation | undefined> {
  const [row] = await db
    .update(invitations)
    .set({ uses: sql`${invitations.uses} + 1` })
    .where(
      and(
        eq(invitations.tokenHash, tokenHash),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
        lt(invitations.uses, invitations.maxUses),
        sql`(${invitations.email} is null or ${invitations.email} = ${email})`,
      ),
    )
    .returning();
  return row;
}

export async function recordRedemption(
  db: Db,
  { invitationId, userId }: { invitationId: string; userId: string },
) {
  await db.insert(invitationRedemptions).values({ invitationId, userId }).onConflictDoNothing();
}

export async function revokeInvitation(db: Db, id: string): Promise<Invitation | undefined> {
  const [row] = await db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.id, id), isNull(invitations.revokedAt)))
    .returning();
  return row;
}

export interface InvitationListItem extends Omit<Invitation, "tokenHash"> {
  redeemedBy: { userId: string; email: string; at: Date }[];
}

export async function listInvitations(
  db: Db,
  { limit = 200 }: { limit?: number } = {},
): Promise<InvitationListItem[]> {
  const rows = await db.select().from(invitations).orderBy(desc(invitations.createdAt)).limit(limit);
  if (rows.length === 0) return [];
  const redemptions = await db
    .select({
      invitationId: invitationRedemptions.invitationId,
      userId: users.id,
      email: users.email,
      at: invitationRedemptions.createdAt,
    })
    .from(invitationRedemptions)
    .innerJoin(users, eq(users.id, invitationRedemptions.userId))
    .where(
      inArray(
        invitationRedemptions.invitationId,
        rows.map((row) => row.id),
      ),
    );
  return rows.map(({ tokenHash: _secret, ...row }) => ({
    ...row,
    redeemedBy: redemptions
      .filter((r) => r.invitationId === row.id)
      .map(({ userId, email, at }) => ({ userId, email, at })),
  }));
}
