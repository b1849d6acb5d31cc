import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { S3Target } from "@/lib/media/s3-client";
import { createS3Storage, MULTIPART_THRESHOLD } from "@/lib/media/s3-storage";
import {
  type MediaStorage,
  RangeNotSatisfiableError,
  StorageUnavailableError,
  type StoredObject,
} from "@/lib/media/storage";
import { verifyMediaSignature } from "@/lib/media/url-signing";
import { startS3Server, type TestS3Server } from "../support/s3-server";

async function bytesOf(stored: StoredObject | null): Promise<Buffer> {
  if (!stored) throw new Error("expected a stored file");
  const chunks: Buffer[] = [];
  for await (const chunk of stored.body) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

const SECRET = "a-signing-secret-for-the-s3-driver-tests";

describe("S3 storage driver against s3rver", () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "seedream-s3-"));
  let s3: TestS3Server;
  let target: S3Target;
  let storage: MediaStorage;
  const commands: string[] = [];

  beforeAll(async () => {
    s3 = await startS3Server({ directory });
    target = s3.target();
    target.client.middlewareStack.add(
      (next, context) => (args) => {
        commands.push(context.commandName ?? "");
        return next(args);
      },
      { step: "initialize", name: "recordCommands" },
    );
    storage = createS3Storage({
      target,
      publicBaseUrl: "https://studio.example/media/signed",
      signingSecret: SECRET,
    });
  });
  afterAll(async () => {
    await s3.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  const keysInBucket = async () =>
    ((await target.client.send(new ListObjectsV2Command({ Bucket: s3.bucket }))).Contents ?? []).map(
      (o) => o.Key,
    );

  it("puts a file and gets it back whole", async () => {
    await storage.put("users/u1/a.png", Buffer.from("0123456789"), "image/png");
    expect(await storage.exists("users/u1/a.png")).toBe(true);
    const stored = await storage.get("users/u1/a.png");
    expect(stored?.size).toBe(10);
    expect(stored?.range).toBeUndefined();
    expect((await bytesOf(stored)).toString()).toBe("0123456789");
  });

  it("gets byte ranges: start-end, start- and the last n bytes", async () => {
    const middle = await storage.get("users/u1/a.png", { range: { start: 2, end: 5 } });
    expect(middle?.range).toEqual({ start: 2, end: 5, total: 10 });
    expect(middle?.size).toBe(4);
    expect((await bytesOf(middle)).toString()).toBe("2345");
    const tail = await storage.get("users/u1/a.png", { range: { start: 7 } });
    expect((await bytesOf(tail)).toString()).toBe("789");
    const suffix = await storage.get("users/u1/a.png", { range: { suffix: 3 } });
    expect(suffix?.range).toEqual({ start: 7, end: 9, total: 10 });
    expect((await bytesOf(suffix)).toString()).toBe("789");
  });

  it("refuses a range past the end with the file's size", async () => {
    const error = await storage.get("users/u1/a.png", { range: { start: 10 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RangeNotSatisfiableError);
    expect((error as RangeNotSatisfiableError).total).toBe(10);
  });

  it("uploads a result over 5 MB in parts and reads it back intact", async () => {
    const big = randomBytes(MULTIPART_THRESHOLD + 1024 * 1024 + 17);
    commands.length = 0;
    await storage.put("users/u1/big.png", big, "image/png");
    expect(commands).toContain("CreateMultipartUploadCommand");
    expect(commands.filter((name) => name === "UploadPartCommand")).toHaveLength(2);
    expect(commands).toContain("CompleteMultipartUploadCommand");
    const stored = await storage.get("users/u1/big.png");
    expect(stored?.size).toBe(big.length);
    expect((await bytesOf(stored)).equals(big)).toBe(true);
    const ranged = await storage.get("users/u1/big.png", {
      range: { start: MULTIPART_THRESHOLD - 2, end: MULTIPART_THRESHOLD + 1 },
    });
    expect(
      (await bytesOf(ranged)).equals(big.subarray(MULTIPART_THRESHOLD - 2, MULTIPART_THRESHOLD + 2)),
    ).toBe(true);
  });

  it("deletes, and a missing key is null, not an error", async () => {
    await storage.delete("users/u1/a.png");
    expect(await storage.exists("users/u1/a.png")).toBe(false);
    expect(await storage.get("users/u1/a.png")).toBeNull();
    expect(await storage.get("users/u1/a.png", { range: { start: 0 } })).toBeNull();
    await storage.delete("users/u1/never-there.png");
  });

  it("signs URLs for the app's own route, not the bucket", () => {
    const url = new URL(storage.signedUrl("users/u1/big.png", { expiresInSeconds: 60 }));
    expect(`${url.origin}${url.pathname}`).toBe("https://studio.example/media/signed/users/u1/big.png");
    expect(url.href).not.toContain(s3.endpoint);
    const check = {
      key: "users/u1/big.png",
      exp: url.searchParams.get("exp"),
      sig: url.searchParams.get("sig"),
    };
    expect(verifyMediaSignature(SECRET, check)).toBe(true);
    expect(verifyMediaSignature(SECRET, { ...check, now: Date.now() + 61_000 })).toBe(false);
    expect(verifyMediaSignature(SECRET, { ...check, key: "users/u1/other.png" })).toBe(false);
  });

  it("with the bucket down: a clear error naming the bucket, and nothing half-written", async () => {
    await s3.stop();
    try {
      const error = await storage
        .put("users/u1/down.png", Buffer.from("x"), "image/png")
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StorageUnavailableError);
      expect((error as Error).message).toBe(
        `Could not store a file in the S3 bucket "${s3.bucket}" at 127.0.0.1:${s3.port}.`,
      );
      expect(await storage.get("users/u1/big.png").catch((e: unknown) => e)).toBeInstanceOf(
        StorageUnavailableError,
      );
    } finally {
      await s3.start();
    }
    expect(await storage.exists("users/u1/down.png")).toBe(false);
  });

  it("a multipart upload cut off by the bucket going away leaves no object", async () => {
    const big = randomBytes(MULTIPART_THRESHOLD * 3);
    let stopping: Promise<void> | undefined;
    const cut =
      (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => (args: unknown) => {
        if (context.commandName === "UploadPartCommand" && !stopping) stopping = s3.stop();
        return next(args);
      };
    target.client.middlewareStack.add(cut as never, { step: "initialize", name: "cutUpload" });
    try {
      const error = await storage.put("users/u1/cut.png", big, "image/png").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StorageUnavailableError);
    } finally {
      target.client.middlewareStack.remove("cutUpload");
      await stopping;
      await s3.start();
    }
    expect(await storage.exists("users/u1/cut.png")).toBe(false);
    expect(await keysInBucket()).not.toContain("users/u1/cut.png");
  });
});
