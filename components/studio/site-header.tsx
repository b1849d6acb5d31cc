import Link from "next/link";
import { ThemeSelect } from "@/components/theme/theme-select";
import { SignOutButton } from "./sign-out-button";
import { SiteMenu } from "./site-menu";

const links = [
  { href: "/", label: "Create" },
  { href: "/gallery", label: "Gallery" },
  { href: "/shares", label: "Shared links" },
  { href: "/usage", label: "Usage" },
];

export function SiteHeader({ email, isAdmin }: { email: string; isAdmin: boolean }) {
  return (
    <header className="border-b border-zinc-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="font-semibold text-violet-700">
          Seedream Studio
        </Link>
        <SiteMenu>
          <nav aria-label="Main" className="flex flex-col gap-1 text-sm md:flex-row md:gap-4">
            {[...links, ...(isAdmin ? [{ href: "/admin", label: "Admin" }] : [])].map((link) => (
              <Link key={link.href} href={link.href} className="py-2 hover:underline md:py-0">
                {link.label}
              </Link>
            ))}
          </nav>
          <div className="flex flex-wrap items-center gap-3 border-t border-zinc-200 pt-3 text-sm text-zinc-600 md:ml-auto md:border-0 md:pt-0">
            <ThemeSelect />
            <Link href="/account" className="hover:underline">
              <span className="hidden md:inline">{email}</span>
              <span className="md:hidden">Account</span>
            </Link>
            <SignOutButton />
          </div>
        </SiteMenu>
      </div>
    </header>
  );
}
