"use client";

import { signOutAction } from "@/app/(studio)/actions";

// A client form: the action answers with a redirect to the sign-in page, which Next follows.
export function SignOutButton() {
  return (
    <form
      action={async () => {
        await signOutAction(undefined);
      }}
    >
      <button type="submit" className="rounded-md px-2 py-1 hover:bg-zinc-100">
        Sign out
      </button>
    </form>
  );
}
