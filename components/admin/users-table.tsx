"use client";

import { useState } from "react";
import { deleteUserAction, setUserDisabledAction, setUserRoleAction } from "@/app/(studio)/admin/actions";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ACTIONS_COLUMN, DataTable, RowAlert, RowButton } from "@/components/ui/data-table";
import { useAdminAction } from "./use-admin-action";

export interface AdminUserRow {
  id: string;
  email: string;
  name: string | null;
  role: "admin" | "user";
  disabled: boolean;
  methods: string[];
  createdAt: string;
  lastSignInAt: string | null;
  imagesThisMonth: number;
}

const day = (iso: string | null) => (iso ? new Date(iso).toISOString().slice(0, 10) : "never");

function UserRow({ user, isSelf }: { user: AdminUserRow; isSelf: boolean }) {
  const { run, error, pending } = useAdminAction();
  const [confirming, setConfirming] = useState(false);
  return (
    <tr aria-label={`User ${user.email}`} className="border-t border-zinc-200 align-top">
      <td className="py-2 pr-3">
        <div className="font-medium">{user.email}</div>
        {user.name && <div className="text-zinc-600">{user.name}</div>}
        <RowAlert message={error} />
      </td>
      <td className="py-2 pr-3">{user.methods.join(", ") || "none"}</td>
      <td className="py-2 pr-3">{user.role}</td>
      <td className="py-2 pr-3">{user.disabled ? "disabled" : "active"}</td>
      <td className="py-2 pr-3 whitespace-nowrap">{day(user.createdAt)}</td>
      <td className="py-2 pr-3 whitespace-nowrap">{day(user.lastSignInAt)}</td>
      <td className="py-2 pr-3 text-right">{user.imagesThisMonth}</td>
      <td className="py-2">
        <div className="flex flex-wrap gap-1">
          <RowButton
            disabled={pending}
            onClick={() =>
              run(() =>
                setUserRoleAction({ userId: user.id, role: user.role === "admin" ? "user" : "admin" }),
              )
            }
          >
            {user.role === "admin" ? "Make user" : "Make admin"}
          </RowButton>
          {!isSelf && (
            <RowButton
              disabled={pending}
              onClick={() => run(() => setUserDisabledAction({ userId: user.id, disabled: !user.disabled }))}
            >
              {user.disabled ? "Enable" : "Disable"}
            </RowButton>
          )}
          {!isSelf && (
            <RowButton disabled={pending} onClick={() => setConfirming(true)}>
              Delete
            </RowButton>
          )}
        </div>
        <ConfirmDialog
          open={confirming}
          title={`Delete ${user.email}?`}
          confirmLabel="Delete user"
          busy={pending}
          onCancel={() => setConfirming(false)}
          onConfirm={() =>
            run(
              () => deleteUserAction({ userId: user.id }),
              () => setConfirming(false),
            )
          }
        >
          Their account, images, share links and files are deleted for good.
        </ConfirmDialog>
      </td>
    </tr>
  );
}

export function UsersTable({ users, selfId }: { users: AdminUserRow[]; selfId: string }) {
  return (
    <DataTable
      columns={[
        "User",
        "Sign-in",
        "Role",
        "Status",
        "Created",
        "Last sign-in",
        { label: "Images this month", numeric: true },
        ACTIONS_COLUMN,
      ]}
    >
      {users.map((user) => (
        <UserRow key={user.id} user={user} isSelf={user.id === selfId} />
      ))}
    </DataTable>
  );
}
