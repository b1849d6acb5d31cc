"use client";

import { revokeInvitationAction } from "@/app/(studio)/admin/actions";
import { Button } from "@/components/ui/button";
import { InlineAlert } from "@/components/ui/form-alert";
import { useAdminAction } from "./use-admin-action";

export interface AdminInvitationRow {
  id: string;
  email: string | null;
  role: "admin" | "user";
  maxUses: number;
  uses: number;
  state: "usable" | "revoked" | "expired" | "used_up";
  expiresAt: string;
  createdAt: string;
  redeemedBy: { email: string; at: string }[];
}

const STATE_LABEL: Record<AdminInvitationRow["state"], string> = {
  usable: "active",
  revoked: "revoked",
  expired: "expired",
  used_up: "used up",
};

function InvitationRow({ invitation }: { invitation: AdminInvitationRow }) {
  const { run, error, pending } = useAdminAction();
  return (
    <li
      aria-label={`Invitation ${invitation.email ?? "for anyone"} created ${invitation.createdAt.slice(0, 16)}`}
      className="flex flex-wrap items-start gap-3 rounded-lg border border-zinc-200 bg-white p-3 text-sm"
    >
      <div className="min-w-0 flex-1 space-y-1">
        <div className="font-medium">
          {invitation.email ?? "Anyone with the link"} · {invitation.role} · {STATE_LABEL[invitation.state]}
        </div>
        <div className="text-zinc-600">
          {invitation.maxUses - invitation.uses} of {invitation.maxUses} uses left · expires{" "}
          {invitation.expiresAt.slice(0, 10)}
        </div>
        {invitation.redeemedBy.length > 0 && (
          <div className="text-zinc-600">
            Redeemed by {invitation.redeemedBy.map((r) => `${r.email} (${r.at.slice(0, 10)})`).join(", ")}
          </div>
        )}
        <InlineAlert message={error} />
      </div>
      {invitation.state === "usable" && (
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() => run(() => revokeInvitationAction({ id: invitation.id }))}
        >
          Revoke
        </Button>
      )}
    </li>
  );
}

export function InvitationList({ invitations }: { invitations: AdminInvitationRow[] }) {
  if (invitations.length === 0) return <p className="text-sm text-zinc-600">No invitations yet.</p>;
  return (
    <ul className="space-y-2">
      {invitations.map((invitation) => (
        <InvitationRow key={invitation.id} invitation={invitation} />
      ))}
    </ul>
  );
}
