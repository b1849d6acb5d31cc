import Link from "next/link";
import { SignOutButton } from "./sign-out-button";

export function SiteHeader({ email, isAdmin }: { email: string; isAdmin: boolean }) {
  return (
    <header className="border-b border-zinc-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="font-semibold text-violet-700">
          Seedream Studio
        </Link>
        <nav aria-label="Main" className="flex gap-4 text-sm">
          <Link href="/" className="hover:underline">
            Create
          </Link>
          <Link href="/gallery" className="hover:underline">
            Gallery
          </Link>
          <Link href="/shares" className="hover:underline">
            Shared links
          </Link>
          <Link href="/usage" className="hover:underline">
            Usage
          </Link>
          {isAdmin && (
            <Link href="/admin" className="hover:underline">
              Admin
            </Link>
          )}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm text-zinc-600">
          <Link href="/account" className="hidden hover:underline md:inline">
            {email}
          </Link>
          <Link href="/account" className="hover:underline md:hidden">
            Account
          </Link>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
