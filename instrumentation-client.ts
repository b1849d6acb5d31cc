import { config } from "zod/mini";

// Runs in the browser before any of the app's modules. zod compiles object parsers with
// `new Function` unless told not to, and merely probing for that is reported as a violation of
// our CSP (no 'unsafe-eval'); the interpreted parsers are fast enough for forms. zod/mini shares
// full zod's core (and so this setting) without putting full zod on every page.
config({ jitless: true });
