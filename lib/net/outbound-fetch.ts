import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { isPublicAddress } from "./address-policy";
import { type AllowedHost, isAllowedHost } from "./allowed-hosts";

export type OutboundRefusal = "scheme" | "address" | "redirects";

/** A destination we will not connect to; `code` is safe to log, the address never is. */
export class OutboundRefusedError extends Error {
  readonly code: `outbound_${OutboundRefusal}`;

  constructor(reason: OutboundRefusal) {
    super(`outbound request refused (${reason})`);
    this.name = "OutboundRefusedError";
    this.code = `outbound_${reason}`;
  }
}

export type ResolveHost = (hostname: string) => Promise<dns.LookupAddress[]>;

export interface OutboundOptions {
  signal: AbortSignal;
  /** Private hosts the operator allows (OUTBOUND_ALLOW_HOSTS, the bundled simulator). */
  allowHosts: readonly AllowedHost[];
  maxRedirects?: number;
  /** How names become addresses; replaced in tests to play a resolver that lies. */
  resolve?: ResolveHost;
  /** GET unless told; a PUT sends `body` (a host's signed upload URL). */
  method?: "GET" | "PUT";
  body?: Buffer;
  headers?: Record<string, string>;
}

export interface OutboundResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: http.IncomingMessage;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const defaultResolve: ResolveHost = (hostname) => dns.promises.lookup(hostname, { all: true });

/**
 * The lookup the socket itself uses, so the address that is checked is the address that is
 * connected to: a name that resolves to a public address for a check and to 127.0.0.1 a moment
 * later (DNS rebinding) gets no second chance.
 */
function checkedLookup(resolve: ResolveHost): net.LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (found) => {
        const family = options.family === 4 || options.family === 6 ? options.family : null;
        const usable = found.filter((entry) => family === null || entry.family === family);
        if (usable.length === 0 || usable.some((entry) => !isPublicAddress(entry.address))) {
          callback(new OutboundRefusedError("address"), "");
          return;
        }
        if (options.all) callback(null, usable);
        else callback(null, usable[0]?.address ?? "", usable[0]?.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ""),
    );
  };
}

function requestOnce(url: URL, options: OutboundOptions, allowed: boolean): Promise<http.IncomingMessage> {
  const literal = url.hostname.replace(/^\[|\]$/g, "");
  // Sockets skip the lookup for IP literals, so those are judged here.
  if (!allowed && net.isIP(literal) && !isPublicAddress(literal)) {
    return Promise.reject(new OutboundRefusedError("address"));
  }
  const client = url.protocol === "https:" ? https : http;
  const body = options.body ?? Buffer.alloc(0);
  const sendsBody = options.method === "PUT";
  return new Promise((resolve, reject) => {
    const request = client.request(url, {
      method: options.method ?? "GET",
      headers: {
        accept: "image/*",
        "user-agent": "seedream-studio",
        ...options.headers,
        ...(sendsBody ? { "content-length": String(body.byteLength) } : {}),
      },
      signal: options.signal,
      // No pooled sockets: a socket opened elsewhere without this check must never be reused here.
      agent: false,
      lookup: allowed ? undefined : checkedLookup(options.resolve ?? defaultResolve),
    });
    request.once("response", (response) => {
      options.signal.addEventListener("abort", () => response.destroy(options.signal.reason), {
        once: true,
      });
      resolve(response);
    });
    request.once("error", reject);
    request.end(sendsBody ? body : undefined);
  });
}

// A PUT follows only the redirects that keep its method and body; turned into a GET by a 301, 302
// or 303 it would "succeed" without uploading anything, so those end it as they are.
const KEEPS_METHOD = new Set([307, 308]);

/**
 * GET (or PUT) for URLs that came from outside (an upstream's result link, a host's signed upload
 * URL): only http(s), only public addresses unless the host is allowed by name, redirects followed
 * by hand and judged again at every hop.
 */
export async function fetchOutbound(rawUrl: string, options: OutboundOptions): Promise<OutboundResponse> {
  const maxRedirects = options.maxRedirects ?? 3;
  let url = new URL(rawUrl);
  for (let hop = 0; ; hop++) {
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new OutboundRefusedError("scheme");
    const response = await requestOnce(url, options, isAllowedHost(url, options.allowHosts));
    const location = response.headers.location;
    const status = response.statusCode ?? 0;
    const follows = options.method === "PUT" ? KEEPS_METHOD.has(status) : REDIRECTS.has(status);
    if (!follows || !location) {
      return { status: response.statusCode ?? 0, headers: response.headers, body: response };
    }
    response.destroy();
    if (hop >= maxRedirects) throw new OutboundRefusedError("redirects");
    url = new URL(location, url);
  }
}
