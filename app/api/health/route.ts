// A trivial JSON route: load balancers probe it, and the benchmark uses it as its baseline.
export function GET() {
  return Response.json({ ok: true }, { headers: { "cache-control": "no-store" } });
}
