import { headers } from "next/headers";
import { CSP_HEADER } from "@/lib/http/security-headers";
import { themeScript } from "@/lib/theme/theme";

/** The page's CSP nonce, which the proxy put into the request's policy header. */
export async function requestNonce(): Promise<string | undefined> {
  const policy = (await headers()).get(CSP_HEADER) ?? "";
  return /'nonce-([^']+)'/.exec(policy)?.[1];
}

/**
 * Sets the theme on <html> before anything paints; React never renders it again on the client.
 * Synchronous on purpose: an async component here is left out of the HTML of a page that calls
 * notFound(), and a script React adds later never runs.
 */
export function ThemeScript({ nonce }: { nonce: string | undefined }) {
  return (
    <script
      nonce={nonce}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: our own constant code, no user input
      dangerouslySetInnerHTML={{ __html: themeScript }}
      suppressHydrationWarning
    />
  );
}
