import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The route exactly as the upstream meets it: a real storage driver and the app's own signing key.
describe("GET /media/signed/…", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "seedream-signed-"));
  const key = "users/u1/uploads/a.png";
  let GET: typeof import("@/app/media/signed/[...key]/route").GET;
  let storage: import("@/lib/media/storage").MediaStorage;

  beforeAll(async () => {
    vi.stubEnv("DATA_DIR", dataDir);
    vi.stubEnv("APP_URL", "https://studio.example");
    vi.stubEnv("AUTH_SECRET", "a-test-secret-that-is-long-enough-for-auth");
    ({ GET } = await import("@/app/media/signed/[...key]/route"));
    storage = (await import("@/lib/media")).getMediaStorage();
    await storage.put(key, Buffer.from("png bytes"), "image/png");
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const fetchSigned = (url: string) => {
    const parsed = new URL(url);
    const parts = parsed.pathname.replace(/^\/media\/signed\//, "").split("/");
    return GET(new Request(url), { params: Promise.resolve({ key: parts }) });
  };

  it("serves the file it was signed for, under APP_URL", async () => {
    const url = storage.signedUrl(key, { expiresInSeconds: 60 });
    expect(url.startsWith("https://studio.example/media/signed/users/u1/uploads/a.png?")).toBe(true);
    const response = await fetchSigned(url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("png bytes");
  });

  it("refuses an expired URL with 403", async () => {
    const url = storage.signedUrl(key, { expiresInSeconds: -1 });
    expect((await fetchSigned(url)).status).toBe(403);
  });

  it("refuses a tampered signature, expiry or file with 403", async () => {
    const url = new URL(storage.signedUrl(key, { expiresInSeconds: 60 }));
    const sig = url.searchParams.get("sig") ?? "";
    const tamperedSig = new URL(url);
    tamperedSig.searchParams.set("sig", `${sig.slice(0, -1)}${sig.endsWith("A") ? "B" : "A"}`);
    const tamperedExp = new URL(url);
    tamperedExp.searchParams.set("exp", String(Number(url.searchParams.get("exp")) + 3600));
    const otherFile = new URL(url.toString().replace("a.png", "b.png"));
    for (const candidate of [tamperedSig, tamperedExp, otherFile]) {
      expect((await fetchSigned(candidate.toString())).status, candidate.toString()).toBe(403);
    }
  });
});
