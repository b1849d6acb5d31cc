import type { Metadata } from "next";
import { InvitationForm } from "@/components/admin/invitation-form";
import { type AdminInvitationRow, InvitationList } from "@/components/admin/invitation-list";
import { getDb } from "@/db";
import { invitationState, listInvitations } from "@/db/queries/invitations";
import { requireAdmin } from "@/lib/auth/current-user";
import { signupMode } from "@/lib/config/env";

export const metadata: Metadata = { title: "Invitations · Admin" };

export default async function AdminInvitationsPage() {
  await requireAdmin();
  const invitations = await listInvitations(await getDb());
  const rows: AdminInvitationRow[] = invitations.map((invitation) => {
    const state = invitationState({ ...invitation, tokenHash: "" });
    return {
      id: invitation.id,
      email: invitation.email,
      role: invitation.role,
      maxUses: invitation.maxUses,
      uses: invitation.uses,
      state: state === "unknown" || state === "wrong_email" ? "usable" : state,
      expiresAt: invitation.expiresAt.toISOString(),
      createdAt: invitation.createdAt.toISOString(),
      redeemedBy: invitation.redeemedBy.map((r) => ({ email: r.email, at: r.at.toISOString() })),
    };
  });
  return (
    <div className="space-y-6">
      {signupMode() === "closed" && (
        <p role="status" className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Sign-up is closed (SIGNUP_MODE=closed): invitation links do not work. Add people on the Users page.
        </p>
      )}
      <InvitationForm />
      <section aria-labelledby="invitations-heading" className="space-y-3">
        <h2 id="invitations-heading" className="text-lg font-semibold">
          Invitations
        </h2>
        <InvitationList invitations={rows} />
      </section>
    </div>
  );
}
