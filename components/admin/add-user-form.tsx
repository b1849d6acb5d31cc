"use client";

import { addUserAction } from "@/app/(studio)/admin/actions";
import { Button } from "@/components/ui/button";
import { InlineAlert } from "@/components/ui/form-alert";
import { adminFieldClass, RoleField, roleFrom } from "./role-field";
import { useAdminAction } from "./use-admin-action";

/** For closed studios: an admin makes the account and hands over the first password. */
export function AddUserForm() {
  const { run, error, pending } = useAdminAction();
  return (
    <form
      className="grid gap-3 rounded-xl border border-zinc-200 bg-white p-4 sm:grid-cols-4 sm:items-end"
      onSubmit={(event) => {
        event.preventDefault();
        const element = event.currentTarget;
        const form = new FormData(element);
        run(
          () =>
            addUserAction({
              email: String(form.get("email") ?? ""),
              name: String(form.get("name") ?? ""),
              password: String(form.get("password") ?? ""),
              role: roleFrom(form),
            }),
          () => element.reset(),
        );
      }}
    >
      <h2 className="font-semibold sm:col-span-4">Add a user</h2>
      <label className="text-sm font-medium">
        Email
        <input name="email" type="email" required className={adminFieldClass} />
      </label>
      <label className="text-sm font-medium">
        Name
        <input name="name" className={adminFieldClass} />
      </label>
      <label className="text-sm font-medium">
        First password
        <input
          name="password"
          type="password"
          required
          minLength={10}
          autoComplete="new-password"
          className={adminFieldClass}
        />
      </label>
      <RoleField />
      <Button type="submit" disabled={pending} className="sm:justify-self-start">
        {pending ? "Adding…" : "Add user"}
      </Button>
      <InlineAlert message={error} className="text-sm sm:col-span-3" />
    </form>
  );
}
