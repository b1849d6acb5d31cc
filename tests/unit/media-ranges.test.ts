import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createLocalDiskStorage } from "@/lib/media/local-disk-storage";
import { requestedRange } from "@/lib/media/serve";
import { RangeNotSatisfiableError, resolveRange } from "@/lib/media/storage";
import { startS3Server, type TestS3Server } from "../support/s3-server";

const withRange = (range: string, ifRange?: string) =>
  new Request("http://x/", { headers: { range, ...(ifRange ? { "if-range": ifRange } : {}) } });

describe("requestedRange", () => {
  it("reads one range in each of its three forms", () => {
    expect(requestedRange(withRange("bytes=0-99"), '"e"')).toEqual({ start: 0, end: 99 });
    expect(requestedRange(withRange("bytes=100-"), '"e"')).toEqual({ start: 100 });
    expect(requestedRange(withRange("bytes=-500"), '"e"')).toEqual({ suffix: 500 });
  });

  it("sends the whole file for several ranges, nonsense, a reversed range or another version", () => {
    for (const header of ["bytes=0-1,5-6", "items=0-1", "bytes=-", "bytes=9-3", "bytes=a-b"]) {
      expect(requestedRange(withRange(header), '"e"'), header).toBeNull();
    }
    expect(requestedRange(withRange("bytes=0-1", '"old"'), '"e"')).toBeNull();
    expect(requestedRange(withRange("bytes=0-1", '"e"'), '"e"')).toEqual({ start: 0, end: 1 });
    expect(requestedRange(new Request("http://x/"), '"e"')).toBeNull();
  });

  it("resolves against the size, clamping the end and refusing a start past it", () => {
    expect(resolveRange({ start: 5, end: 100 }, 10)).toEqual({ start: 5, end: 9, total: 10 });
    expect(resolveRange({ suffix: 100 }, 10)).toEqual({ start: 0, end: 9, total: 10 });
    expect(() => resolveRange({ start: 10 }, 10)).toThrow(RangeNotSatisfiableError);
  });
});

describe("local disk ranged get", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "seedream-ranges-"));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("streams only the bytes asked for", async () => {
    const storage = createLocalDiskStorage({
      root,
      publicBaseUrl: "http://x/media/signed",
      signingSecret: "s",
    });
    await storage.put("a/b.png", Buffer.from("0123456789"), "image/png");
    const stored = await storage.get("a/b.png", { range: { start: 3, end: 4 } });
    expect(stored?.range).toEqual({ start: 3, end: 4, total: 10 });
    const chunks: Buffer[] = [];
    for await (const chunk of stored?.body ?? []) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe("34");
    expect(await storage.get("a/missing.png", { range: { start: 0 } })).toBeNull();
  });
});

// The app's own route in front of the bucket: ranges, a missing object and a range past the end.
describe("GET /media/signed/… with media in S3", () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "seedream-s3-route-"));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "seedream-s3-data-"));
  let s3: TestS3Server;
  let GET: typeof import("@/app/media/signed/[...key]/route").GET;
  let signed: (key: string) => string;

  beforeAll(async () => {
    s3 = await startS3Server({ directory });
    for (const [name, value] of Object.entries(s3.settings)) vi.stubEnv(name, value);
    vi.stubEnv("DATA_DIR", dataDir);
    vi.stubEnv("APP_URL", "https://studio.example");
    vi.stubEnv("AUTH_SECRET", "a-test-secret-that-is-long-enough-for-auth");
    ({ GET } = await import("@/app/media/signed/[...key]/route"));
    const storage = (await import("@/lib/media")).getMediaStorage();
    await storage.put("users/u1/uploads/a.png", Buffer.from("0123456789"), "image/png");
    signed = (key) => storage.signedUrl(key, { expiresInSeconds: 60 });
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await s3.stop();
    for (const dir of [directory, dataDir]) fs.rmSync(dir, { recursive: true, force: true });
  });

  const fetchSigned = (url: string, headers: Record<string, string> = {}) => {
    const parsed = new URL(url);
    const parts = parsed.pathname.replace(/^\/media\/signed\//, "").split("/");
    return GET(new Request(url, { headers }), { params: Promise.resolve({ key: parts }) });
  };

  it("serves the whole file, then a range as 206, from the bucket", async () => {
    const whole = await fetchSigned(signed("users/u1/uploads/a.png"));
    expect(whole.status).toBe(200);
    expect(whole.headers.get("accept-ranges")).toBe("bytes");
    expect(await whole.text()).toBe("0123456789");
    const part = await fetchSigned(signed("users/u1/uploads/a.png"), { range: "bytes=4-" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe("bytes 4-9/10");
    expect(part.headers.get("content-length")).toBe("6");
    expect(await part.text()).toBe("456789");
  });

  it("answers 416 for a range past the end and 404 for a key the bucket lacks", async () => {
    const past = await fetchSigned(signed("users/u1/uploads/a.png"), { range: "bytes=50-" });
    expect(past.status).toBe(416);
    expect(past.headers.get("content-range")).toBe("bytes */10");
    expect((await fetchSigned(signed("users/u1/uploads/gone.png"))).status).toBe(404);
    expect(fs.existsSync(path.join(dataDir, "media"))).toBe(false);
  });
});
