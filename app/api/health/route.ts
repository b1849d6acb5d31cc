import { route } from "@/lib/http/route";

// A trivial JSON route: load balancers probe it, and the benchmark uses it as its baseline.
export const GET = route({ name: "health", auth: "public" }, async () => Response.json({ ok: true }));
