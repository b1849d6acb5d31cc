"use client";

import { addUserAction } from "@/app/(studio)/admin/actions";
import { Button } from "@/components/ui/button";
import { useAdminAction } from "./use-admin-action";

const fieldClass = "mt-1 block w-full rounded-lg border border-zinc-300 px-3 py-2 text-sm";

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
              role: form.get("role") === "admin" ? "admin" : "user",
            }),
          () => element.reset(),
        );
      }}
    >
      <h2 className="font-semibold sm:col-span-4">Add a user</h2>
      <label className="text-sm font-medium">
        Email
        <input name="email" type="email" required className={fieldClass} />
      </label>
      <label className="text-sm font-medium">
        Name
        <input name="name" className={fieldClass} />
      </label>
      <label className="text-sm font-medium">
        First password
        <input
          name="password"
          type="password"
          required
          minLength={10}
          autoComplete="new-password"
          className={fieldClass}
        />
      </label>
      <label className="text-sm font-medium">
        Role
        <select name="role" defaultValue="user" className={fieldClass}>
          <option value="user">user</option>
          <option value="admin">admin</option>
        </select>
      </label>
      <Button type="submit" disabled={pending} className="sm:justify-self-start">
        {pending ? "Adding…" : "Add user"}
      </Button>
      {error && (
        <p role="alert" className="text-sm text-red-700 sm:col-span-3">
          {error}
        </p>
      )}
    </form>
  );
}
