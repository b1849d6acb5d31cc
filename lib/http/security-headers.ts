// The one header policy of the app. The proxy gives every page a Content-Security-Policy with a
// fresh nonce (Next reads it from the request's CSP header and puts it on its own scripts); route
// handlers, whose responses are never documents to run, get a policy that allows nothing at all.

export const CSP_HEADER = "content-security-policy";

/** 128 random bits, base64: what a `'nonce-…'` source needs, new for every request. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

export function pagePolicy(nonce: string, { development }: { development: boolean }): string {
  return [
    "default-src 'self'",
    // React's development build evaluates code to rebuild server stacks; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Dev mode injects <style> tags without a nonce. Style attributes (aspect ratios, the compare
    // slider, blurred placeholders) cannot carry one and run no code, so they stay allowed.
    `style-src 'self' ${development ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "style-src-attr 'unsafe-inline'",
    // Tray previews are blob: URLs, placeholders data: URIs; every image comes from our own origin.
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** For responses that are data, not documents: nothing may load, nothing may frame them. */
export const NON_DOCUMENT_POLICY =
  "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const FIXED_HEADERS: Record<string, string> = {
  "referrer-policy": "same-origin",
  "x-content-type-options": "nosniff",
  // For browsers that predate frame-ancestors.
  "x-frame-options": "DENY",
};

/** Sets the whole policy on `headers` (in place): CSP, framing, referrer and sniffing. */
export function applySecurityHeaders(headers: Headers, contentSecurityPolicy: string): void {
  headers.set(CSP_HEADER, contentSecurityPolicy);
  for (const [name, value] of Object.entries(FIXED_HEADERS)) headers.set(name, value);
}
