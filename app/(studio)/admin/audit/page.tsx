import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { getDb } from "@/db";
import { listAuditEvents } from "@/db/queries/audit-events";
import type { AuditAction } from "@/db/schema";
import { requireAdmin } from "@/lib/auth/current-user";
import { decodeHistoryCursor, encodeHistoryCursor } from "@/lib/generations/history-cursor";

export const metadata: Metadata = { title: "Audit log · Admin" };

const PAGE_SIZE = 50;

const WORDS: Record<AuditAction, string> = {
  sign_in: "signed in",
  sign_in_failed: "failed to sign in",
  sign_out: "signed out",
  sign_up: "signed up",
  account_linked: "linked a sign-in method",
  invitation_created: "invitation created",
  invitation_redeemed: "invitation redeemed",
  invitation_revoked: "invitation revoked",
  role_changed: "role changed",
  user_disabled: "user disabled",
  user_enabled: "user enabled",
  user_deleted: "user deleted",
  user_created: "user created by an admin",
  password_changed: "password changed",
  limits_changed: "limits changed",
  billing_settled: "possibly charged image settled",
  credits_breaker_opened: "upstream out of credits: submissions stopped",
  credits_breaker_cleared: "submissions resumed",
};

export default async function AdminAuditPage({
  searchParams,
}: {
  searchParams: Promise<{ before?: string }>;
}) {
  await requireAdmin();
  const { before } = await searchParams;
  const page = await listAuditEvents(await getDb(), {
    limit: PAGE_SIZE,
    before: typeof before === "string" ? decodeHistoryCursor(before.slice(0, 200)) : undefined,
  });
  const last = page.items.at(-1);
  return (
    <section aria-labelledby="audit-heading" className="space-y-3">
      <h2 id="audit-heading" className="text-lg font-semibold">
        Audit log
      </h2>
      <DataTable columns={["When (UTC)", "Event", "Email", "Client address", "Detail"]}>
        {page.items.map((event) => (
          <tr key={event.id} className="border-t border-zinc-200">
            <td className="py-2 pr-3 whitespace-nowrap">
              {event.createdAt.toISOString().slice(0, 19).replace("T", " ")}
            </td>
            <td className="py-2 pr-3">{WORDS[event.action] ?? event.action}</td>
            <td className="py-2 pr-3">{event.email ?? ""}</td>
            <td className="py-2 pr-3">{event.clientAddress ?? ""}</td>
            <td className="py-2">{event.detail ?? ""}</td>
          </tr>
        ))}
      </DataTable>
      {page.items.length === 0 && <p className="text-sm text-zinc-600">Nothing recorded yet.</p>}
      {page.hasMore && last && (
        <Link
          href={`/admin/audit?before=${encodeHistoryCursor(last)}`}
          className="text-sm text-violet-700 underline"
        >
          Older events
        </Link>
      )}
    </section>
  );
}
