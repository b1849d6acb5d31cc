import type { AllowedHost } from "@/lib/net/allowed-hosts";
import { fetchOutbound, OutboundRefusedError, type ResolveHost } from "@/lib/net/outbound-fetch";

export type DownloadFailure =
  | "refused_destination"
  | "expired"
  | "http_error"
  | "too_large"
  | "network"
  | "interrupted";

const PERMANENT: ReadonlySet<DownloadFailure> = new Set(["refused_destination", "expired", "too_large"]);

/**
 * One message for every failure: whether a host refused, answered 404 or never answered is the
 * kind of detail that would turn downloads into a port scanner. `code` carries it to the log.
 */
export class DownloadError extends Error {
  readonly code: DownloadFailure;
  /** A permanent failure (expired or missing URL, refused destination, too large) is not worth another try. */
  readonly permanent: boolean;

  constructor(code: DownloadFailure, options?: { cause?: unknown }) {
    super("the result could not be downloaded", options);
    this.name = "DownloadError";
    this.code = code;
    this.permanent = PERMANENT.has(code);
  }
}

/** Downloads a result, refusing more than `maxBytes` whatever Content-Length claims. */
export async function downloadImage(
  url: string,
  {
    maxBytes,
    timeoutMs,
    allowHosts,
    resolve,
  }: { maxBytes: number; timeoutMs: number; allowHosts: readonly AllowedHost[]; resolve?: ResolveHost },
): Promise<Buffer> {
  let response: Awaited<ReturnType<typeof fetchOutbound>>;
  try {
    response = await fetchOutbound(url, { signal: AbortSignal.timeout(timeoutMs), allowHosts, resolve });
  } catch (error) {
    const refused = error instanceof OutboundRefusedError || error instanceof TypeError;
    throw new DownloadError(refused ? "refused_destination" : "network", { cause: error });
  }
  const { status, headers, body } = response;
  try {
    if (status < 200 || status > 299) {
      throw new DownloadError([403, 404, 410].includes(status) ? "expired" : "http_error");
    }
    if (Number(headers["content-length"] ?? "0") > maxBytes) throw new DownloadError("too_large");
    const chunks: Buffer[] = [];
    let received = 0;
    for await (const chunk of body) {
      const bytes = chunk as Buffer;
      received += bytes.byteLength;
      if (received > maxBytes) throw new DownloadError("too_large");
      chunks.push(bytes);
    }
    return Buffer.concat(chunks);
  } catch (error) {
    if (error instanceof DownloadError) throw error;
    throw new DownloadError("interrupted", { cause: error });
  } finally {
    body.destroy();
  }
}
