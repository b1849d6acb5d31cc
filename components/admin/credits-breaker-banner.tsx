"use client";

import { resumeSubmissionsAction } from "@/app/(studio)/admin/actions";
import { Button } from "@/components/ui/button";
import type { ProviderId } from "@/lib/providers/types";
import { useAdminAction } from "./use-admin-action";

/** For admins while a host's account is out of credits: what happened and how to resume. */
export function CreditsBreakerBanner({
  provider,
  label,
  openedAt,
  probeMinutes,
}: {
  provider: ProviderId;
  label: string;
  openedAt: string;
  probeMinutes: number;
}) {
  const { run, error, pending } = useAdminAction();
  return (
    <div role="alert" className="border-b border-red-200 bg-red-50">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 text-sm text-red-900">
        <p className="flex-1">
          <strong>The {label} account needs credits.</strong> {label} answered “out of credits” at{" "}
          {openedAt.slice(0, 16).replace("T", " ")} UTC, so submissions to it are stopped. Top it up on its
          dashboard, then resume (one submission also goes through as a test every {probeMinutes} minutes).
        </p>
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() => run(() => resumeSubmissionsAction({ provider }))}
        >
          {pending ? "Resuming…" : "Resume submissions"}
        </Button>
        {error && <p className="w-full text-red-700">{error}</p>}
      </div>
    </div>
  );
}
