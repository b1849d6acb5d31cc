import { env } from "@/lib/config/env";

// `next dev` compiles a route on its first request, which takes seconds here. The upstream (the
// simulator included) gives up on a reference download or a callback long before that, so the
// first edit after `npm run dev` would fail. In development only, each route the upstream calls is
// asked once, in the background, as soon as the server answers. The answers (403, 404) do not matter.
const ROUTES_THE_UPSTREAM_CALLS = [
  { path: "/media/signed/warm-up.png", method: "GET" },
  { path: `/api/webhooks/seedream/${"0".repeat(32)}`, method: "POST" },
] as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function warmUp(baseUrl: string): Promise<void> {
  for (const { path, method } of ROUTES_THE_UPSTREAM_CALLS) {
    for (let attempt = 0; attempt < 60; attempt++) {
      try {
        await fetch(`${baseUrl}${path}`, {
          method,
          headers: method === "POST" ? { "content-type": "application/json" } : {},
          body: method === "POST" ? "{}" : undefined,
          signal: AbortSignal.timeout(120_000),
        });
        break;
      } catch {
        await sleep(1000); // not listening yet
      }
    }
  }
  console.log("[start] dev: the routes the upstream calls are compiled");
}

export function warmUpDevRoutes(): void {
  if (process.env.NODE_ENV !== "development") return;
  void warmUp(env().APP_URL).catch(() => {});
}
