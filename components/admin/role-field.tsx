/** The look of the admin forms' inputs. */
export const adminFieldClass = "mt-1 block w-full rounded-lg border border-zinc-300 px-3 py-2 text-sm";

/** The role a new account gets (an added user, or whoever redeems an invitation): user unless chosen. */
export function RoleField() {
  return (
    <label className="text-sm font-medium">
      Role
      <select name="role" defaultValue="user" className={adminFieldClass}>
        <option value="user">user</option>
        <option value="admin">admin</option>
      </select>
    </label>
  );
}

export const roleFrom = (form: FormData): "admin" | "user" =>
  form.get("role") === "admin" ? "admin" : "user";
