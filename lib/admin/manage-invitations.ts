import "server-only";
import { getDb } from "@/db";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { createInvitation, revokeInvitation } from "@/db/queries/invitations";
import type { User, UserRole } from "@/db/schema";
import { hashInvitationToken, newInvitationToken } from "@/lib/auth/invitation-token";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors";

export interface NewInvitation {
  email: string | null;
  role: UserRole;
  maxUses: number;
  expiresInDays: number;
}

/** The link is returned once, here; only its hash is kept. */
export async function inviteToStudio(
  admin: User,
  input: NewInvitation,
): Promise<{ id: string; link: string }> {
  const token = newInvitationToken();
  const db = await getDb();
  const invitation = await createInvitation(db, {
    tokenHash: hashInvitationToken(token),
    createdById: admin.id,
    email: input.email,
    role: input.role,
    maxUses: input.maxUses,
    expiresAt: new Date(Date.now() + input.expiresInDays * 24 * 3600 * 1000),
  });
  await insertAuditEvent(db, {
    action: "invitation_created",
    actorId: admin.id,
    email: input.email,
    detail: `invitation ${invitation.id}: ${input.maxUses} use${input.maxUses === 1 ? "" : "s"}, ${input.role}`,
  });
  return { id: invitation.id, link: `${env().APP_URL}/invite/${token}` };
}

export async function withdrawInvitation(admin: User, { id }: { id: string }) {
  const db = await getDb();
  const invitation = await revokeInvitation(db, id);
  if (!invitation) throw new AppError("not_found", "That invitation is already revoked or gone.");
  await insertAuditEvent(db, {
    action: "invitation_revoked",
    actorId: admin.id,
    email: invitation.email,
    detail: `invitation ${invitation.id}`,
  });
  return { id };
}
