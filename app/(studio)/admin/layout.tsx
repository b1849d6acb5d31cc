import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { getCurrentUser } from "@/lib/auth/current-user";

// Anyone but an admin gets the same 404 as for a page that does not exist.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  if (user?.role !== "admin") notFound();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline gap-x-6 gap-y-2">
        <h1 className="text-2xl font-semibold">Admin</h1>
        <nav aria-label="Admin" className="flex gap-4 text-sm">
          <Link href="/admin" className="hover:underline">
            Users
          </Link>
          <Link href="/admin/invitations" className="hover:underline">
            Invitations
          </Link>
          <Link href="/admin/usage" className="hover:underline">
            Usage and limits
          </Link>
          <Link href="/admin/audit" className="hover:underline">
            Audit log
          </Link>
        </nav>
      </div>
      {children}
    </div>
  );
}
