import fs from "node:fs";
import path from "node:path";
import { HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import type { S3Target } from "./s3-client";
import { MULTIPART_THRESHOLD } from "./s3-storage";
import { assertValidKey } from "./storage";

// Copies DATA_DIR/media into the bucket, key for key. Safe to run again and to cut off: a key the
// bucket already holds with the same size is skipped, and an object appears only once whole.

export interface MigrationCounts {
  total: number;
  copied: number;
  skipped: number;
  failed: number;
}

const CONTENT_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
};

/** Every file under `root` as a storage key; temporary files of an interrupted write are left out. */
export function listLocalKeys(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith(".tmp"))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}

async function sizeInBucket(target: S3Target, key: string): Promise<number | null> {
  try {
    const head = await target.client.send(new HeadObjectCommand({ Bucket: target.bucket, Key: key }));
    return head.ContentLength ?? 0;
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return null;
    throw error;
  }
}

async function upload(target: S3Target, key: string, file: string, size: number): Promise<void> {
  const params = {
    Bucket: target.bucket,
    Key: key,
    ContentType: CONTENT_TYPES[key.split(".").pop()?.toLowerCase() ?? ""] ?? "application/octet-stream",
  };
  if (size <= MULTIPART_THRESHOLD) {
    await target.client.send(new PutObjectCommand({ ...params, Body: await fs.promises.readFile(file) }));
    return;
  }
  const body = fs.createReadStream(file);
  await new Upload({
    client: target.client,
    params: { ...params, Body: body },
    partSize: MULTIPART_THRESHOLD,
  }).done();
}

export async function migrateLocalMedia({
  root,
  target,
  concurrency = 4,
  onFile,
}: {
  root: string;
  target: S3Target;
  concurrency?: number;
  onFile?: (key: string, outcome: "copied" | "skipped" | "failed", counts: MigrationCounts) => void;
}): Promise<MigrationCounts> {
  const keys = listLocalKeys(root);
  const counts: MigrationCounts = { total: keys.length, copied: 0, skipped: 0, failed: 0 };
  const queue = [...keys];
  const copyOne = async (key: string) => {
    let outcome: "copied" | "skipped" | "failed";
    try {
      assertValidKey(key);
      const file = path.join(root, ...key.split("/"));
      const { size } = await fs.promises.stat(file);
      if ((await sizeInBucket(target, key)) === size) outcome = "skipped";
      else {
        await upload(target, key, file, size);
        outcome = "copied";
      }
    } catch {
      outcome = "failed";
    }
    counts[outcome] += 1;
    onFile?.(key, outcome, counts);
  };
  await Promise.all(
    Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let key = queue.shift(); key !== undefined; key = queue.shift()) await copyOne(key);
    }),
  );
  return counts;
}
