// Pages anyone may open without an account. Share links (/s/…) are public by design: the token is
// the whole credential. Everything else sends a signed-out visitor to sign in.
const PUBLIC_PAGES = new Set(["/sign-in", "/sign-up", "/icon.svg"]);
const PUBLIC_PREFIXES = ["/invite/", "/s/"];

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PAGES.has(pathname) || PUBLIC_PREFIXES.some((prefix) => pathname.startsWith(prefix));
}
