import type { Metadata } from "next";
import { AddUserForm } from "@/components/admin/add-user-form";
import { HostHealthTable } from "@/components/admin/host-health-table";
import { type AdminUserRow, UsersTable } from "@/components/admin/users-table";
import { getDb } from "@/db";
import { listUsersForAdmin } from "@/db/queries/users";
import { requireAdmin } from "@/lib/auth/current-user";
import { monthStartIn } from "@/lib/billing/periods";
import { env, signupMode } from "@/lib/config/env";
import { listHostHealth } from "@/lib/providers/health-report";

export const metadata: Metadata = { title: "Users · Admin" };

const SIGNUP_WORDS = {
  open: "Anyone who can open this site can create an account.",
  invite: "Only people with an invitation link can create an account.",
  closed: "Only admins can create accounts.",
} as const;

export default async function AdminUsersPage() {
  const admin = await requireAdmin();
  const db = await getDb();
  const [users, hosts] = await Promise.all([
    listUsersForAdmin(db, {
      // The same month the spending limits count, in BUDGET_TIME_ZONE.
      monthStart: monthStartIn(new Date(), env().BUDGET_TIME_ZONE),
    }),
    listHostHealth(db),
  ]);
  const rows: AdminUserRow[] = users.map((user) => ({
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    disabled: user.disabled,
    methods: [...(user.hasPassword ? ["password"] : []), ...user.providers],
    createdAt: user.createdAt.toISOString(),
    lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
    imagesThisMonth: user.imagesThisMonth,
  }));
  const mode = signupMode();
  return (
    <div className="space-y-6">
      <p className="text-sm text-zinc-700">
        Sign-up mode: <strong>{mode}</strong>. {SIGNUP_WORDS[mode]}
      </p>
      <section id="hosts" aria-labelledby="hosts-heading" className="space-y-3">
        <h2 id="hosts-heading" className="text-lg font-semibold">
          Hosts
        </h2>
        <HostHealthTable hosts={hosts} />
      </section>
      <section aria-labelledby="users-heading" className="space-y-3">
        <h2 id="users-heading" className="text-lg font-semibold">
          Users ({rows.length})
        </h2>
        <UsersTable users={rows} selfId={admin.id} />
      </section>
      <AddUserForm />
    </div>
  );
}
