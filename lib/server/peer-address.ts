import http from "node:http";

/** Set on every request from the socket itself; a client cannot forge it, because it is overwritten. */
export const PEER_ADDRESS_HEADER = "x-seedream-peer-address";

const globalForPeer = globalThis as typeof globalThis & { __seedreamPeerAddress?: boolean };

/**
 * Next passes route handlers and actions no socket, and fills X-Forwarded-For from the socket only
 * when the client sent none, so without a trusted proxy the header is the client's to choose. This
 * stamps the real peer address on each request before Next sees it.
 */
export function stampPeerAddresses(): void {
  if (globalForPeer.__seedreamPeerAddress) return;
  globalForPeer.__seedreamPeerAddress = true;
  const emit = http.Server.prototype.emit;
  function stampedEmit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    const [request] = args;
    if (event === "request" && request instanceof http.IncomingMessage) {
      request.headers[PEER_ADDRESS_HEADER] = request.socket.remoteAddress ?? "unknown";
    }
    return Reflect.apply(emit, this, [event, ...args]);
  }
  Object.defineProperty(http.Server.prototype, "emit", {
    value: stampedEmit,
    writable: true,
    configurable: true,
  });
}
