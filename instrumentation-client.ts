// Runs in the browser before any of the app's modules. Full zod compiles object parsers with
// `new Function` unless told not to, and merely probing for that is reported as a violation of
// our CSP (no 'unsafe-eval'); the interpreted parsers are fast enough for forms. zod reads its
// settings from this global (shared by every copy of zod on a page), so the flag is set here
// without importing zod: pages that parse nothing (the public share page) then load none of it.
const holder = globalThis as typeof globalThis & { __zod_globalConfig?: { jitless?: boolean } };
holder.__zod_globalConfig ??= {};
holder.__zod_globalConfig.jitless = true;
