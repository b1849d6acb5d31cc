import type { Metadata } from "next";

export const metadata: Metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="max-w-sm space-y-3 text-center">
        <h1 className="text-xl font-semibold">Nothing here</h1>
        <p className="text-sm text-zinc-600">
          This page does not exist, or what it showed has been deleted or is no longer shared.
        </p>
        <p>
          {/* A plain link: next/link would add 3 KB of script to every page, the public share page too. */}
          <a href="/" className="text-sm font-medium text-violet-700 underline">
            Go to the studio
          </a>
        </p>
      </div>
    </main>
  );
}
