import Link from "next/link";
import { SignOutButton } from "./sign-out-button";

export function SiteHeader({ email }: { email: string }) {
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
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm text-zinc-600">
          <span className="hidden md:inline">{email}</span>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
