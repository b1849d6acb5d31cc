import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

// The request a log line belongs to. Start-up code and route bundles are separate module copies in
// Next, so the store lives on globalThis: the one the HTTP hook fills is the one logEvent reads.

export interface RequestContext {
  requestId: string;
}

const globalForContext = globalThis as typeof globalThis & {
  __seedreamRequestContext?: AsyncLocalStorage<RequestContext>;
};

function storage(): AsyncLocalStorage<RequestContext> {
  globalForContext.__seedreamRequestContext ??= new AsyncLocalStorage<RequestContext>();
  return globalForContext.__seedreamRequestContext;
}

export function runInRequestContext<T>(context: RequestContext, run: () => T): T {
  return storage().run(context, run);
}

export function currentRequestId(): string | undefined {
  return storage().getStore()?.requestId;
}

export const REQUEST_ID_HEADER = "x-request-id";
// A proxy's id is kept only when it cannot carry anything but an id into our logs.
const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** The caller's X-Request-Id when it is a short safe token, else a new one. */
export function acceptRequestId(given: string | string[] | null | undefined): string {
  return typeof given === "string" && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
}

/** Runs work that outlives any one request (start-up, timers) outside every request's context. */
export function outsideRequestContext<T>(run: () => T): T {
  return storage().exit(run);
}
