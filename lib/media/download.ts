export class DownloadError extends Error {
  /** A permanent failure (expired or missing URL, too large) is not worth another try. */
  readonly permanent: boolean;

  constructor(message: string, permanent: boolean, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DownloadError";
    this.permanent = permanent;
  }
}

/** Downloads a result, refusing more than `maxBytes` whatever Content-Length claims. */
export async function downloadImage(
  url: string,
  {
    maxBytes,
    timeoutMs,
    fetchImpl = fetch,
  }: { maxBytes: number; timeoutMs: number; fetchImpl?: typeof fetch },
): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs), redirect: "follow" });
  } catch (error) {
    throw new DownloadError("the result could not be downloaded", false, { cause: error });
  }
  if (!response.ok || !response.body) {
    const permanent = [403, 404, 410].includes(response.status);
    throw new DownloadError(
      permanent ? "the result's link has expired or is gone" : `the result host answered ${response.status}`,
      permanent,
    );
  }
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new DownloadError("the result is larger than allowed", true);
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    for await (const chunk of response.body) {
      received += chunk.byteLength;
      if (received > maxBytes) throw new DownloadError("the result is larger than allowed", true);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof DownloadError) throw error;
    throw new DownloadError("the download was interrupted", false, { cause: error });
  }
  return Buffer.concat(chunks);
}
