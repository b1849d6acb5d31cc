import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { logEvent } from "@/lib/logging/log";
import { acceptRequestId, currentRequestId, runInRequestContext } from "@/lib/logging/request-context";
import { instrumentHttpRequests, loggablePath } from "@/lib/server/http-requests";
import { checkReadiness } from "@/lib/server/readiness";

function captureConsole(): string[] {
  const lines: string[] = [];
  for (const method of ["log", "warn", "error", "info"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(args.join(" "));
    });
  }
  return lines;
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe("request ids", () => {
  it("keeps a caller's short safe id and replaces anything else", () => {
    expect(acceptRequestId("abc-123_DEF.456")).toBe("abc-123_DEF.456");
    for (const unsafe of [
      "short",
      "a b c d e f g h",
      "x".repeat(65),
      "id\nforged line",
      "someone@example.com",
    ]) {
      const accepted = acceptRequestId(unsafe);
      expect(accepted).not.toBe(unsafe);
      expect(accepted).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(acceptRequestId(["a-list-of-ids", "x"])).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("logs paths with every token-like segment hidden and no query", () => {
    expect(loggablePath("/s/Xk3_9aZqT0bLmN4oP2qR5sT7uV9wX1yZ/image?x=1")).toBe("/s/*/image");
    expect(loggablePath("/api/webhooks/seedream/cbTOKENabcdef0123456789")).toBe("/api/webhooks/seedream/*");
    expect(loggablePath("/media/signed/users/1f0e/uploads/a.png?exp=1&sig=abc")).toBe(
      "/media/signed/users/*/uploads/*",
    );
    expect(loggablePath("/sign-in?callbackUrl=%2Fgallery")).toBe("/sign-in");
  });
});

describe("JSON log lines", () => {
  it("are one JSON object a line with the request id, and no error message", () => {
    vi.stubEnv("LOG_FORMAT", "json");
    const lines = captureConsole();
    runInRequestContext({ requestId: "req-12345678" }, () => {
      logEvent(
        "generations",
        "sweep failed",
        { id: "g1", count: 2 },
        new Error("token=secret someone@example.com"),
      );
    });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] ?? "");
    expect(entry).toMatchObject({
      level: "warn",
      scope: "generations",
      event: "sweep failed",
      request_id: "req-12345678",
      id: "g1",
      count: 2,
      error: "Error",
    });
    expect(lines[0]).not.toContain("secret");
    expect(lines[0]).not.toContain("@");
  });

  it("stay text by default, with the request id when there is one", () => {
    const lines = captureConsole();
    logEvent("media", "file delete failed");
    runInRequestContext({ requestId: "req-12345678" }, () => logEvent("media", "file delete failed"));
    expect(lines).toEqual([
      "[media] file delete failed",
      "[media] file delete failed request_id=req-12345678",
    ]);
  });
});

describe("the HTTP hook", () => {
  it("gives each request an id, echoes it, logs one line and runs the handler in its context", async () => {
    vi.stubEnv("LOG_FORMAT", "json");
    instrumentHttpRequests();
    const seen: (string | undefined)[] = [];
    const server = http.createServer((_request, response) => {
      seen.push(currentRequestId());
      response.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const lines = captureConsole();
    try {
      const { port } = server.address() as AddressInfo;
      const kept = await fetch(`http://127.0.0.1:${port}/s/Tok3nValue0123456789?sig=zz`, {
        headers: { "x-request-id": "proxy-id-0001" },
      });
      const replaced = await fetch(`http://127.0.0.1:${port}/api/health`, {
        headers: { "x-request-id": "bad id with spaces" },
      });
      expect(kept.headers.get("x-request-id")).toBe("proxy-id-0001");
      const fresh = replaced.headers.get("x-request-id") ?? "";
      expect(fresh).toMatch(/^[0-9a-f-]{36}$/);
      expect(seen).toEqual(["proxy-id-0001", fresh]);
      await vi.waitFor(() => expect(lines).toHaveLength(2));
      const entries = lines.map((line) => JSON.parse(line));
      expect(entries[0]).toMatchObject({
        event: "request",
        request_id: "proxy-id-0001",
        path: "/s/*",
        status: 200,
      });
      expect(entries[1]).toMatchObject({ request_id: fresh, method: "GET", path: "/api/health" });
      expect(lines.join("\n")).not.toContain("Tok3n");
    } finally {
      server.close();
    }
  });
});

describe("readiness", () => {
  it("names the failing or silent parts and skips unconfigured ones", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const result = await checkReadiness(
      {
        database: () => Promise.reject(new Error("password authentication failed for user postgres")),
        storage: () => new Promise<void>(() => {}),
        upstream: null,
        other: async () => {},
      },
      50,
    );
    expect(result).toEqual({
      ready: false,
      checks: { database: "failed", storage: "failed", upstream: "skipped", other: "ok" },
      failing: ["database", "storage"],
    });
  });
});
