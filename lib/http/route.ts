import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { getRequestUser, type RequestUser } from "@/lib/auth/request-user";
import { AppError } from "@/lib/errors";
import { logEvent } from "@/lib/logging/log";
import { type BodyKind, decodeBody } from "./decode-body";
import { errorResponse, internalError } from "./error-response";
import { isCrossSiteWrite } from "./origin";
import { readCappedBody } from "./read-body";
import { parseInput, toFields } from "./request-input";
import {
  applySecurityHeaders,
  CSP_HEADER,
  NON_DOCUMENT_POLICY,
  newNonce,
  pagePolicy,
} from "./security-headers";

export function jsonError(error: unknown, context: string): Response {
  if (error instanceof AppError) return errorResponse(error);
  logEvent("route", `${context} failed`, {}, error);
  return errorResponse(internalError());
}

export const notFound = () => new AppError("not_found", "Not found.");

export type RouteAuth = "public" | "user" | "admin";

export interface BodySpec<S extends z.ZodType = z.ZodType> {
  kind: BodyKind;
  schema: S;
  /** Bytes read at most; one more and the request is answered 413. */
  maxBytes: number;
  /** What the 413 says, when a person will read it. */
  tooLargeMessage?: string;
  /** Hand the handler `body()` instead of the body, for handlers that must check something first. */
  deferred?: true;
}

export interface RouteOptions<
  A extends RouteAuth,
  P extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
  B extends BodySpec | undefined,
> {
  /** Names the route in the log (never the URL, which may carry a token). */
  name: string;
  auth: A;
  /** "not_found" for routes that answer 404 to everyone but the owner, signed in or not. */
  denyAs?: "unauthorized" | "not_found";
  params?: P;
  query?: Q;
  body?: B;
  /** For successful responses that set none themselves; errors are never cached. */
  cacheControl?: string;
  /** Only for callers that are not browsers and prove themselves otherwise (the upstream's webhook). */
  allowAnyOrigin?: true;
  /**
   * The answer is an HTML page (the public share page): it gets the page policy the proxy put on
   * the request, whose nonce the page's inline code carries (`documentNonce`), instead of the
   * policy that allows nothing.
   */
  document?: true;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;
type BodyOf<B> =
  B extends BodySpec<infer S>
    ? B extends { deferred: true }
      ? () => Promise<z.output<S>>
      : z.output<S>
    : undefined;

export interface RouteContext<A extends RouteAuth, P, Q, B> {
  /** The request; once its body has been read, a copy carrying the same bytes (to pass on). */
  request: Request;
  user: A extends "public" ? null : RequestUser;
  params: Parsed<P>;
  query: Parsed<Q>;
  body: BodyOf<B>;
}

/** What Next calls: the second argument carries the dynamic segments of the path. */
export type RouteHandler = (request: Request, context?: { params?: Promise<unknown> }) => Promise<Response>;

interface LooseContext {
  request: Request;
  user: RequestUser | null;
  params: unknown;
  query: unknown;
  body: unknown;
}

async function authenticate(
  request: Request,
  { auth, denyAs = "unauthorized" }: { auth: RouteAuth; denyAs?: "unauthorized" | "not_found" },
): Promise<RequestUser | null> {
  if (auth === "public") return null;
  const user = await getRequestUser(request);
  if (!user) {
    throw denyAs === "not_found"
      ? notFound()
      : new AppError("unauthorized", "Your session has ended. Sign in again.");
  }
  if (auth === "admin" && user.role !== "admin") {
    throw denyAs === "not_found"
      ? notFound()
      : new AppError("forbidden", "Only an administrator may do this.");
  }
  return user;
}

/** Reads, caps and checks the body once, however often it is asked for. */
function bodyReader(request: Request, spec: BodySpec) {
  let bytes: Uint8Array<ArrayBuffer> | undefined;
  let replay: Request | undefined;
  let reading: Promise<unknown> | undefined;
  const read = async () => {
    bytes = await readCappedBody(request, spec.maxBytes, spec.tooLargeMessage);
    const decoded = await decodeBody(spec.kind, bytes, request.headers.get("content-type") ?? "");
    return parseInput(spec.schema, decoded, "body");
  };
  return {
    read: () => {
      reading ??= read();
      return reading;
    },
    request: () => {
      if (!bytes) return request;
      replay ??= new Request(request.url, { method: request.method, headers: request.headers, body: bytes });
      return replay;
    },
  };
}

/**
 * The response as sent: the security headers on it, and `cacheControl` unless it set its own.
 * A copy rather than a change: some responses (redirects, fetched ones) have immutable headers.
 */
function secured(response: Response, policy: string, cacheControl?: string): Response {
  const headers = new Headers(response.headers);
  applySecurityHeaders(headers, policy);
  if (cacheControl && !headers.has("cache-control")) headers.set("cache-control", cacheControl);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/**
 * A document's policy: the one the proxy gave this request. Without it (a path the proxy skips) a
 * page policy whose fresh nonce nothing on the page carries, so no inline code runs.
 */
function documentPolicy(request: Request): string {
  return (
    request.headers.get(CSP_HEADER) ??
    pagePolicy(newNonce(), { development: process.env.NODE_ENV === "development" })
  );
}

/** The nonce a document route's inline code carries: the one in the policy its answer gets. */
export function documentNonce(request: Request): string | undefined {
  return /'nonce-([^']+)'/.exec(request.headers.get(CSP_HEADER) ?? "")?.[1];
}

/**
 * The one way into a route handler: refuse other sites' writes → authenticate → parse path, query
 * and (capped) body with zod → run. Bad input is a 400, a body over its cap a 413, and anything
 * unexpected a logged 500; every error has the shape `{ error: { code, message } }`.
 */
export function route<
  A extends RouteAuth,
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends BodySpec | undefined = undefined,
>(
  options: RouteOptions<A, P, Q, B>,
  handler: (context: RouteContext<A, P, Q, B>) => Promise<Response>,
): RouteHandler;
// The overload above gives each handler its exact types; TypeScript cannot follow those conditional
// types into a generic body, so the implementation is written against their loose common shape.
export function route(
  options: RouteOptions<RouteAuth, z.ZodType | undefined, z.ZodType | undefined, BodySpec | undefined>,
  handler: (context: LooseContext) => Promise<Response>,
): RouteHandler {
  return async (request, context) => {
    try {
      if (!options.allowAnyOrigin && isCrossSiteWrite(request)) {
        throw new AppError("forbidden", "Requests from other sites are refused.");
      }
      const user = await authenticate(request, options);
      const params = options.params && parseInput(options.params, (await context?.params) ?? {}, "path");
      const query =
        options.query && parseInput(options.query, toFields(new URL(request.url).searchParams), "query");
      const reader = options.body && bodyReader(request, options.body);
      const body = reader && (options.body?.deferred ? reader.read : await reader.read());
      const response = await handler({
        get request() {
          return reader ? reader.request() : request;
        },
        user,
        params,
        query,
        body,
      });
      const policy = options.document ? documentPolicy(request) : NON_DOCUMENT_POLICY;
      return secured(response, policy, options.cacheControl ?? "no-store");
    } catch (error) {
      // Next's own control flow (redirect(), notFound()) is not an error of ours.
      unstable_rethrow(error);
      return jsonError(error, options.name);
    }
  };
}
