import type { Readable } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import type { S3Target } from "./s3-client";
import {
  assertValidKey,
  type ByteRange,
  type MediaStorage,
  RangeNotSatisfiableError,
  resolveRange,
  StorageUnavailableError,
} from "./storage";
import { signedMediaUrl } from "./url-signing";

/** S3's smallest part; a body above it goes up in parts, so no single request carries all of it. */
export const MULTIPART_THRESHOLD = 5 * 1024 * 1024;

function httpStatusOf(error: unknown): number | undefined {
  return error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
}

function isMissing(error: unknown): boolean {
  return (
    httpStatusOf(error) === 404 ||
    (error instanceof Error && (error.name === "NoSuchKey" || error.name === "NotFound"))
  );
}

export function rangeHeader(range: ByteRange): string {
  return "suffix" in range ? `bytes=-${range.suffix}` : `bytes=${range.start}-${range.end ?? ""}`;
}

/** `bytes 0-99/1234` → its parts; null for anything else. */
export function parseContentRange(
  header: string | undefined,
): { start: number; end: number; total: number } | null {
  const match = header?.match(/^bytes (\d+)-(\d+)\/(\d+)$/);
  return match ? { start: Number(match[1]), end: Number(match[2]), total: Number(match[3]) } : null;
}

/**
 * Media in a bucket. Objects are private: the app still serves every image (owner checks, share
 * revocation), streaming from S3, and signed URLs keep pointing at the app's own route.
 */
export function createS3Storage({
  target,
  publicBaseUrl,
  signingSecret,
}: {
  target: S3Target;
  publicBaseUrl: string;
  signingSecret: string;
}): MediaStorage {
  const { client, bucket, label } = target;
  const unavailable = (action: string, error: unknown) =>
    new StorageUnavailableError(`Could not ${action} in the ${label}.`, { cause: error });

  const sizeOf = async (key: string): Promise<number | null> => {
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return head.ContentLength ?? 0;
    } catch (error) {
      if (isMissing(error)) return null;
      throw unavailable("look up a file", error);
    }
  };

  return {
    async put(key, body, contentType) {
      assertValidKey(key);
      try {
        if (body.length <= MULTIPART_THRESHOLD) {
          // One PUT: S3 shows the object whole or not at all.
          await client.send(
            new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }),
          );
          return;
        }
        // Parts become an object only on completion; on failure the upload is aborted, so a
        // reader never meets half a file.
        await new Upload({
          client,
          params: { Bucket: bucket, Key: key, Body: body, ContentType: contentType },
          partSize: MULTIPART_THRESHOLD,
          queueSize: 2,
          leavePartsOnError: false,
        }).done();
      } catch (error) {
        throw unavailable("store a file", error);
      }
    },
    async get(key, options) {
      assertValidKey(key);
      let range = options?.range;
      // Not every S3-compatible store reads `bytes=-n`; the size turns it into a plain range.
      if (range && "suffix" in range) {
        const total = await sizeOf(key);
        if (total === null) return null;
        const { start, end } = resolveRange(range, total);
        range = { start, end };
      }
      try {
        const object = await client.send(
          new GetObjectCommand({ Bucket: bucket, Key: key, Range: range && rangeHeader(range) }),
        );
        const body = object.Body as Readable;
        const size = object.ContentLength ?? 0;
        const served = range ? parseContentRange(object.ContentRange) : null;
        return served ? { body, size, range: served } : { body, size };
      } catch (error) {
        if (isMissing(error)) return null;
        if (httpStatusOf(error) === 416) {
          const total = await sizeOf(key);
          if (total === null) return null;
          throw new RangeNotSatisfiableError(total);
        }
        throw unavailable("read a file", error);
      }
    },
    async exists(key) {
      assertValidKey(key);
      return (await sizeOf(key)) !== null;
    },
    async delete(key) {
      assertValidKey(key);
      try {
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      } catch (error) {
        if (!isMissing(error)) throw unavailable("delete a file", error);
      }
    },
    signedUrl(key, { expiresInSeconds }) {
      assertValidKey(key);
      return signedMediaUrl({ publicBaseUrl, signingSecret }, key, expiresInSeconds);
    },
  };
}
