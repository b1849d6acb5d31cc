// zod/mini shares its configuration with full zod and keeps full zod out of every page's bundle.
import * as z from "zod/mini";

// Runs in the browser before any of the app's modules. zod compiles object parsers with
// `new Function` unless told not to, and merely probing for that is reported as a violation of
// our CSP (no 'unsafe-eval'); the interpreted parsers are fast enough for forms.
z.config({ jitless: true });
