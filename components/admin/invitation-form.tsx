"use client";

import { useState } from "react";
import { createInvitationAction } from "@/app/(studio)/admin/actions";
import { Button } from "@/components/ui/button";
import { InlineAlert } from "@/components/ui/form-alert";
import { adminFieldClass, RoleField, roleFrom } from "./role-field";
import { useAdminAction } from "./use-admin-action";

/** Makes a link and shows it once, ready to copy: only its hash is kept. */
export function InvitationForm() {
  const { run, error, pending } = useAdminAction();
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-3 rounded-xl border border-zinc-200 bg-white p-4">
      <h2 className="font-semibold">New invitation</h2>
      <form
        className="grid gap-3 sm:grid-cols-5 sm:items-end"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          setCopied(false);
          run(
            () =>
              createInvitationAction({
                email: String(form.get("email") ?? ""),
                role: roleFrom(form),
                maxUses: Number(form.get("maxUses")),
                expiresInDays: Number(form.get("expiresInDays")),
              }),
            (data) => setLink(data.link),
          );
        }}
      >
        <label className="text-sm font-medium sm:col-span-2">
          Only for this email <span className="font-normal text-zinc-600">(optional)</span>
          <input name="email" type="email" className={adminFieldClass} />
        </label>
        <label className="text-sm font-medium">
          Uses
          <input
            name="maxUses"
            type="number"
            min={1}
            max={1000}
            defaultValue={1}
            className={adminFieldClass}
          />
        </label>
        <label className="text-sm font-medium">
          Expires in days
          <input
            name="expiresInDays"
            type="number"
            min={1}
            max={90}
            defaultValue={7}
            className={adminFieldClass}
          />
        </label>
        <RoleField />
        <Button type="submit" disabled={pending} className="sm:col-span-5 sm:justify-self-start">
          {pending ? "Creating…" : "Create invitation link"}
        </Button>
      </form>
      <InlineAlert message={error} />
      {link && (
        <div className="flex flex-wrap items-center gap-2">
          <input
            readOnly
            value={link}
            aria-label="Invitation link"
            onFocus={(event) => event.target.select()}
            className="min-w-0 flex-1 rounded-lg border border-zinc-300 bg-zinc-50 px-3 py-2 font-mono text-xs"
          />
          <Button
            variant="secondary"
            onClick={async () => {
              await navigator.clipboard.writeText(link).catch(() => {});
              setCopied(true);
            }}
          >
            {copied ? "Copied" : "Copy link"}
          </Button>
          <p className="w-full text-xs text-zinc-600" aria-live="polite">
            {copied ? "Copied. " : ""}This link is shown only now: copy it before you leave the page.
          </p>
        </div>
      )}
    </div>
  );
}
