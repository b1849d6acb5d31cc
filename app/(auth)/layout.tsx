import type { ReactNode } from "react";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm rounded-2xl border border-zinc-200 bg-white p-8 shadow-sm">
        <p className="mb-6 text-sm font-semibold tracking-wide text-violet-700">Seedream Studio</p>
        {children}
      </div>
    </main>
  );
}
