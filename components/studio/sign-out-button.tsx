"use client";

import { useActionState } from "react";
import { signOutAction } from "@/app/(studio)/actions";

export function SignOutButton() {
  const [, action, pending] = useActionState(signOutAction, {});
  return (
    <form action={action}>
      <button type="submit" disabled={pending} className="rounded-md px-2 py-1 hover:bg-zinc-100">
        Sign out
      </button>
    </form>
  );
}
