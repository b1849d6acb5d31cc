import { type ChildProcess, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { GetObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { afterAll, describe, expect, it } from "vitest";
import { createS3Target } from "@/lib/media/s3-client";
import { startS3Server, type TestS3Server } from "../support/s3-server";

const temporary: string[] = [];
const servers: TestS3Server[] = [];
const tempDir = (prefix: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temporary.push(dir);
  return dir;
};

afterAll(async () => {
  for (const server of servers) await server.stop();
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
});

/** A DATA_DIR whose media folder holds `count` small images, one over 5 MB and a stray temp file. */
function makeDataDir(count: number): { dataDir: string; files: Map<string, Buffer> } {
  const dataDir = tempDir("seedream-migrate-data-");
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++)
    files.set(`users/u${i % 3}/results/${String(i).padStart(4, "0")}.png`, randomBytes(2000 + i));
  files.set("users/u0/results/large.png", randomBytes(6 * 1024 * 1024 + 5));
  for (const [key, bytes] of files) {
    const file = path.join(dataDir, "media", key);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, bytes);
  }
  fs.writeFileSync(path.join(dataDir, "media/users/u0/results/half.png.1234.tmp"), "torn");
  return { dataDir, files };
}

async function startBucket() {
  const server = await startS3Server({ directory: tempDir("seedream-migrate-s3-") });
  servers.push(server);
  return server;
}

function runMigrate(
  dataDir: string,
  s3: TestS3Server,
): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let output = "";
  const child = spawn("node_modules/.bin/tsx", ["scripts/storage-migrate.ts"], {
    env: { ...process.env, ...s3.settings, DATA_DIR: dataDir, DATABASE_URL: "", LOG_FORMAT: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  return {
    child,
    output: () => output,
    exited: new Promise((resolve) => child.on("exit", (code) => resolve(code))),
  };
}

const digest = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** Key → SHA-256 of the bytes: compared as short strings, so a mismatch prints a readable diff. */
function digests(files: Map<string, Buffer>): Record<string, string> {
  return Object.fromEntries([...files].map(([key, bytes]) => [key, digest(bytes)]));
}

async function bucketContents(s3: TestS3Server): Promise<Record<string, string>> {
  const { client, bucket } = createS3Target({
    ...s3.settings,
    S3_BUCKET: s3.bucket,
    S3_REGION: "us-east-1",
    S3_ENDPOINT: s3.endpoint,
    S3_FORCE_PATH_STYLE: undefined,
  });
  const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1000 }));
  const contents: Record<string, string> = {};
  for (const { Key } of listed.Contents ?? []) {
    if (!Key) continue;
    const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key }));
    contents[Key] = digest(Buffer.from((await object.Body?.transformToByteArray()) ?? []));
  }
  return contents;
}

const summary = (output: string) =>
  /(\d+) files: (\d+) copied, (\d+) already there, (\d+) failed/.exec(output)?.slice(1).map(Number);

describe("npm run storage:migrate", () => {
  it("copies DATA_DIR/media into the bucket, and a second run copies nothing", {
    timeout: 120_000,
  }, async () => {
    const { dataDir, files } = makeDataDir(30);
    const s3 = await startBucket();
    const first = runMigrate(dataDir, s3);
    expect(await first.exited, first.output()).toBe(0);
    expect(summary(first.output())).toEqual([31, 31, 0, 0]);
    expect(await bucketContents(s3)).toEqual(digests(files));

    const second = runMigrate(dataDir, s3);
    expect(await second.exited, second.output()).toBe(0);
    expect(summary(second.output())).toEqual([31, 0, 31, 0]);
    expect(await bucketContents(s3)).toEqual(digests(files));
  });

  it("cut off half way, picks up where it stopped when run again", { timeout: 120_000 }, async () => {
    const { dataDir, files } = makeDataDir(150);
    const s3 = await startBucket();
    const cut = runMigrate(dataDir, s3);
    await new Promise<void>((resolve) => {
      cut.child.stdout?.on("data", () => {
        if (/ 25\/151/.test(cut.output())) resolve();
      });
    });
    cut.child.kill("SIGKILL");
    await cut.exited;
    const partly = await bucketContents(s3);
    expect(Object.keys(partly).length).toBeGreaterThanOrEqual(25);
    expect(Object.keys(partly).length).toBeLessThan(files.size);

    const resumed = runMigrate(dataDir, s3);
    expect(await resumed.exited, resumed.output()).toBe(0);
    const [total, copied, skipped, failed] = summary(resumed.output()) ?? [];
    expect({ total, failed }).toEqual({ total: 151, failed: 0 });
    expect(skipped).toBeGreaterThanOrEqual(25);
    expect((copied ?? 0) + (skipped ?? 0)).toBe(151);
    expect(await bucketContents(s3)).toEqual(digests(files));
  });

  it("without S3_BUCKET says what to set and copies nothing", async () => {
    const { dataDir } = makeDataDir(1);
    const s3 = await startBucket();
    const run = runMigrate(dataDir, { ...s3, settings: { S3_BUCKET: "" } });
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain("set S3_BUCKET");
  });
});
