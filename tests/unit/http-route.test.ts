import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { RequestUser } from "@/lib/auth/request-user";

const signedIn = vi.hoisted(() => {
  const state: { user: RequestUser | null } = { user: null };
  return state;
});
vi.mock("@/lib/auth/request-user", () => ({ getRequestUser: async () => signedIn.user }));

const { route } = await import("@/lib/http/route");
const { AppError } = await import("@/lib/errors");

const APP = "https://studio.example";
const alice: RequestUser = { id: "0b6f8d1e-2c3a-4f5b-8e9d-1a2b3c4d5e6f", role: "user" };
const admin: RequestUser = { id: "1c7f8d1e-2c3a-4f5b-8e9d-1a2b3c4d5e6f", role: "admin" };

function request(path: string, init: RequestInit = {}) {
  return new Request(`${APP}${path}`, init);
}
const noParams = { params: Promise.resolve({}) };
const errorOf = async (response: Response) => (await response.json()).error;

beforeAll(() => {
  vi.stubEnv("APP_URL", APP);
});
afterEach(() => {
  signedIn.user = null;
  vi.restoreAllMocks();
});

describe("route()", () => {
  const echo = route(
    {
      name: "echo",
      auth: "user",
      params: z.object({ id: z.uuid() }),
      query: z.object({ n: z.coerce.number().int().max(10) }),
      body: { kind: "json", schema: z.object({ text: z.string().max(5) }), maxBytes: 100 },
    },
    async ({ user, params, query, body }) =>
      Response.json({ user: user.id, id: params.id, n: query.n, body }),
  );
  const call = (init: RequestInit, { id = alice.id, n = "3" } = {}) =>
    echo(request(`/echo/${id}?n=${n}`, { method: "POST", ...init }), { params: Promise.resolve({ id }) });
  const json = (value: unknown, headers: Record<string, string> = {}) => ({
    body: JSON.stringify(value),
    headers: { "content-type": "application/json", ...headers },
  });

  it("hands the handler the user and the parsed path, query and body, answering no-store", async () => {
    signedIn.user = alice;
    const response = await call(json({ text: "hi" }));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ user: alice.id, id: alice.id, n: 3, body: { text: "hi" } });
  });

  it("answers 401 without a session, before reading anything", async () => {
    const response = await call(json({ text: "far too long" }));
    expect(response.status).toBe(401);
    expect((await errorOf(response)).code).toBe("unauthorized");
  });

  it("answers 400 with a message for a bad path, query or body, never 500", async () => {
    signedIn.user = alice;
    for (const [init, options] of [
      [json({ text: "hi" }), { id: "nope" }],
      [json({ text: "hi" }), { n: "99" }],
      [json({ text: "far too long" }), {}],
      [json({ text: "a\u0000" }), {}],
      [{ body: "{", headers: { "content-type": "application/json" } }, {}],
    ] as const) {
      const response = await call(init, options);
      expect(response.status, JSON.stringify(init)).toBe(400);
      expect((await errorOf(response)).message).toBeTruthy();
    }
  });

  it("answers 415 for the wrong content type and 413 past the cap", async () => {
    signedIn.user = alice;
    expect((await call({ body: "text=hi", headers: { "content-type": "text/plain" } })).status).toBe(415);
    const tooLarge = await call(json({ text: "x".repeat(200) }));
    expect(tooLarge.status).toBe(413);
    expect((await errorOf(tooLarge)).code).toBe("payload_too_large");
  });

  it("refuses a write from another site's page with 403 but lets the app's own and Origin-less ones in", async () => {
    signedIn.user = alice;
    expect((await call(json({ text: "hi" }, { origin: "http://localhost:9999" }))).status).toBe(403);
    expect((await call(json({ text: "hi" }, { origin: "null" }))).status).toBe(403);
    expect((await call(json({ text: "hi" }, { origin: APP }))).status).toBe(200);
    expect((await call(json({ text: "hi" }))).status).toBe(200);
  });

  it("checks the role for admin routes, and answers 404 instead where the route hides itself", async () => {
    const adminOnly = route({ name: "admin", auth: "admin" }, async () => new Response("secret"));
    const hidden = route(
      { name: "hidden", auth: "admin", denyAs: "not_found" },
      async () => new Response("x"),
    );
    signedIn.user = alice;
    expect((await adminOnly(request("/a"), noParams)).status).toBe(403);
    expect((await hidden(request("/h"), noParams)).status).toBe(404);
    signedIn.user = null;
    expect((await hidden(request("/h"), noParams)).status).toBe(404);
    signedIn.user = admin;
    expect(await (await adminOnly(request("/a"), noParams)).text()).toBe("secret");
  });

  it("turns an AppError into its status and anything else into a 500 logged by name only", async () => {
    const log = vi.spyOn(console, "warn").mockImplementation(() => {});
    const conflict = route({ name: "c", auth: "public" }, async () => {
      throw new AppError("conflict", "Already done.");
    });
    const broken = route({ name: "broken", auth: "public" }, async () => {
      throw Object.assign(new Error("value 'secret@example.com' violates"), { code: "23505" });
    });
    expect(await errorOf(await conflict(request("/c"), noParams))).toEqual({
      code: "conflict",
      message: "Already done.",
    });
    const response = await broken(request("/b"), noParams);
    expect(response.status).toBe(500);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(log).toHaveBeenCalledWith("[route] broken failed error=Error code=23505");
    expect(JSON.stringify(log.mock.calls)).not.toContain("secret@example.com");
  });

  it("keeps a cache-control the handler or the route sets", async () => {
    const own = route({ name: "own", auth: "public" }, async () =>
      Response.json({}, { headers: { "cache-control": "public, max-age=60" } }),
    );
    const configured = route({ name: "cfg", auth: "public", cacheControl: "public, no-cache" }, async () =>
      Response.json({}),
    );
    expect((await own(request("/o"), noParams)).headers.get("cache-control")).toBe("public, max-age=60");
    expect((await configured(request("/c"), noParams)).headers.get("cache-control")).toBe("public, no-cache");
  });

  it("puts the security headers on every answer, errors and 401s included, with a CSP that allows nothing", async () => {
    const ok = route({ name: "ok", auth: "public" }, async () => new Response("fine"));
    const guarded = route({ name: "guarded", auth: "user" }, async () => new Response("never"));
    for (const response of [await ok(request("/ok"), noParams), await guarded(request("/g"), noParams)]) {
      expect(response.headers.get("content-security-policy")).toBe(
        "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      );
      expect(response.headers.get("referrer-policy")).toBe("same-origin");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
    }
  });

  it("gives a document route the page policy the proxy put on the request, and its nonce to the handler", async () => {
    const { documentNonce } = await import("@/lib/http/route");
    const { pagePolicy } = await import("@/lib/http/security-headers");
    const page = route(
      { name: "page", auth: "public", document: true },
      async ({ request }) => new Response(`<script nonce="${documentNonce(request)}"></script>`),
    );
    const policy = pagePolicy("bm9uY2U=", { development: false });
    const answered = await page(request("/p", { headers: { "content-security-policy": policy } }), noParams);
    expect(answered.headers.get("content-security-policy")).toBe(policy);
    expect(answered.headers.get("x-frame-options")).toBe("DENY");
    expect(await answered.text()).toBe('<script nonce="bm9uY2U="></script>');
    // Without the proxy's policy: a page policy whose nonce nothing on the page carries.
    const bare = await page(request("/p"), noParams);
    expect(bare.headers.get("content-security-policy")).toMatch(
      /script-src 'self' 'nonce-[^']+' 'strict-dynamic'/,
    );
    expect(await bare.text()).toBe('<script nonce="undefined"></script>');
  });

  it("reads a deferred body only when the handler asks, and hands on the bytes it read", async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulled++;
          controller.enqueue(new TextEncoder().encode("a=1&b=2"));
          controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const lazy = route(
      {
        name: "lazy",
        auth: "public",
        body: { kind: "form", schema: z.object({ a: z.string() }), maxBytes: 64, deferred: true },
      },
      async ({ body }) => new Response(pulled === 0 ? (await body()).a : "read too early"),
    );
    const init: RequestInit & { duplex: "half" } = {
      method: "POST",
      body: stream,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      duplex: "half",
    };
    expect(await (await lazy(request("/l", init), noParams)).text()).toBe("1");

    const passOn = route(
      { name: "pass", auth: "public", body: { kind: "form", schema: z.object({}), maxBytes: 64 } },
      async ({ request: replay }) => new Response(await replay.text()),
    );
    const form = {
      method: "POST",
      body: "a=1&b=2",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    };
    expect(await (await passOn(request("/p", form), noParams)).text()).toBe("a=1&b=2");
  });
});
