import { S3Client } from "@aws-sdk/client-s3";
import type { Env } from "@/lib/config/env";

export type S3Settings = Pick<
  Env,
  | "S3_BUCKET"
  | "S3_ENDPOINT"
  | "S3_REGION"
  | "S3_ACCESS_KEY_ID"
  | "S3_SECRET_ACCESS_KEY"
  | "S3_FORCE_PATH_STYLE"
>;

/** Where media goes when S3_BUCKET is set: the bucket and a client for it. */
export interface S3Target {
  client: S3Client;
  bucket: string;
  /** Names the store in messages: bucket and endpoint, never a key. */
  label: string;
}

export function createS3Target(settings: S3Settings & { S3_BUCKET: string }): S3Target {
  const endpoint = settings.S3_ENDPOINT;
  const client = new S3Client({
    region: settings.S3_REGION,
    endpoint,
    forcePathStyle: settings.S3_FORCE_PATH_STYLE ?? endpoint !== undefined,
    // Unset: the SDK's own chain (instance role, AWS_* variables, shared config).
    credentials:
      settings.S3_ACCESS_KEY_ID && settings.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: settings.S3_ACCESS_KEY_ID, secretAccessKey: settings.S3_SECRET_ACCESS_KEY }
        : undefined,
    // Many S3-compatible stores reject the CRC checksums the SDK adds by default since 2025.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    // A bucket that does not answer must fail a request in seconds, not hang it.
    requestHandler: { connectionTimeout: 5000, requestTimeout: 60_000 },
    maxAttempts: 3,
  });
  return {
    client,
    bucket: settings.S3_BUCKET,
    label: `S3 bucket "${settings.S3_BUCKET}"${endpoint ? ` at ${new URL(endpoint).host}` : ""}`,
  };
}
