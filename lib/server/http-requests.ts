import http from "node:http";
import { jsonLine, logFormat } from "@/lib/logging/log";
import { acceptRequestId, REQUEST_ID_HEADER, runInRequestContext } from "@/lib/logging/request-context";
import { PEER_ADDRESS_HEADER } from "./peer-address";

const globalForHook = globalThis as typeof globalThis & {
  __seedreamHttpHook?: boolean;
  __seedreamHttpServers?: Set<http.Server>;
};

/** The HTTP servers that have taken a request in this process (the app's, the simulator's). */
export function servingServers(): http.Server[] {
  return [...(globalForHook.__seedreamHttpServers ?? [])];
}

// Paths can carry tokens (share links, webhook URLs, signed media): only plain words are logged,
// any other segment as `*`, and never the query.
const PLAIN_SEGMENT = /^[a-z_]+(?:-[a-z_]+)*$/;

export function loggablePath(url: string | undefined): string {
  const pathname = (url ?? "/").split("?")[0] ?? "/";
  return pathname
    .split("/")
    .map((segment) =>
      segment === "" || (segment.length <= 24 && PLAIN_SEGMENT.test(segment)) ? segment : "*",
    )
    .join("/");
}

function logRequest(request: http.IncomingMessage, response: http.ServerResponse, requestId: string): void {
  const started = performance.now();
  let logged = false;
  const log = (status: number | "aborted") => {
    if (logged) return;
    logged = true;
    const fields = {
      request_id: requestId,
      method: request.method,
      path: loggablePath(request.url),
      status,
      ms: Math.round(performance.now() - started),
    };
    console.log(jsonLine("info", "http", "request", fields));
  };
  response.once("finish", () => log(response.statusCode));
  response.once("close", () => log(response.writableFinished ? response.statusCode : "aborted"));
}

/**
 * Every request, before Next sees it: the real peer address is stamped on it (Next passes route
 * handlers no socket, and a client chooses X-Forwarded-For), it gets a request id (the caller's if
 * safe, echoed in X-Request-Id), its work runs in that id's log context, and with LOG_FORMAT=json
 * one line is logged when it ends.
 */
export function instrumentHttpRequests(): void {
  if (globalForHook.__seedreamHttpHook) return;
  globalForHook.__seedreamHttpHook = true;
  const emit = http.Server.prototype.emit;
  function instrumentedEmit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    const [request, response] = args;
    if (
      event !== "request" ||
      !(request instanceof http.IncomingMessage) ||
      !(response instanceof http.ServerResponse)
    )
      return Reflect.apply(emit, this, [event, ...args]);
    globalForHook.__seedreamHttpServers ??= new Set();
    globalForHook.__seedreamHttpServers.add(this);
    request.headers[PEER_ADDRESS_HEADER] = request.socket.remoteAddress ?? "unknown";
    const requestId = acceptRequestId(request.headers[REQUEST_ID_HEADER]);
    request.headers[REQUEST_ID_HEADER] = requestId;
    response.setHeader(REQUEST_ID_HEADER, requestId);
    if (logFormat() === "json") logRequest(request, response, requestId);
    return runInRequestContext({ requestId }, () => Reflect.apply(emit, this, [event, ...args]));
  }
  Object.defineProperty(http.Server.prototype, "emit", {
    value: instrumentedEmit,
    writable: true,
    configurable: true,
  });
}
