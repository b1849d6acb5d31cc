import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { requestNonce, ThemeScript } from "@/components/theme/theme-script";
import { ThemeWatcher } from "@/components/theme/theme-select";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Seedream Studio", template: "%s · Seedream Studio" },
  description: "Make and keep images with ByteDance Seedream 4.5.",
  robots: { index: false, follow: false },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request, the not-found page included: only then can Next put this
  // request's CSP nonce on its scripts (a prerendered page's scripts would be refused).
  await connection();
  const nonce = await requestNonce();
  return (
    // The theme script marks <html> before React hydrates it: that difference is expected.
    <html lang="en" suppressHydrationWarning>
      <head>
        <ThemeScript nonce={nonce} />
      </head>
      <body>
        <ThemeWatcher />
        {children}
      </body>
    </html>
  );
}
