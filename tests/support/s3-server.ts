import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { createS3Target, type S3Target } from "../../lib/media/s3-client";

// A real S3-compatible server on loopback for tests (s3rver keeps objects as files in `directory`).
// It can be stopped and started again on the same port, to play a bucket that goes away.

export const S3_TEST_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

export interface TestS3Server {
  endpoint: string;
  port: number;
  bucket: string;
  /** The settings an app or script needs to use this bucket. */
  settings: Record<string, string>;
  /** A client of the bucket's own, as the app makes one from those settings. */
  target(): S3Target;
  /** Every key in the bucket under `prefix`, read through the S3 API as an app would. */
  keys(prefix?: string): Promise<string[]>;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startS3Server({
  directory,
  bucket = "seedream-media",
  port = 0,
}: {
  directory: string;
  bucket?: string;
  port?: number;
}): Promise<TestS3Server> {
  let server: S3rver | undefined;
  let boundPort = port;
  const start = async () => {
    server = new S3rver({
      address: "127.0.0.1",
      port: boundPort,
      directory,
      silent: true,
      configureBuckets: [{ name: bucket }],
    });
    boundPort = (await server.run()).port;
  };
  await start();
  const endpoint = `http://127.0.0.1:${boundPort}`;
  const settings = {
    S3_BUCKET: bucket,
    S3_ENDPOINT: endpoint,
    S3_REGION: "us-east-1",
    S3_ACCESS_KEY_ID: S3_TEST_CREDENTIALS.accessKeyId,
    S3_SECRET_ACCESS_KEY: S3_TEST_CREDENTIALS.secretAccessKey,
  };
  const target = () => createS3Target({ ...settings, S3_FORCE_PATH_STYLE: undefined });
  const { client } = target();
  return {
    endpoint,
    port: boundPort,
    bucket,
    settings,
    target,
    keys: async (prefix) => {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
        );
        keys.push(...(page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : [])));
        token = page.NextContinuationToken;
      } while (token);
      return keys;
    },
    start,
    stop: async () => {
      // Clients keep connections open; drop them so the port is really closed.
      server?.httpServer?.closeAllConnections();
      await server?.close();
      server = undefined;
    },
  };
}
