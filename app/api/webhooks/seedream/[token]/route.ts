import { z } from "zod";
import { CURRENT_PROVIDER } from "@/lib/billing/prices";
import { receiveCallback } from "@/lib/generations/callback-request";
import { route } from "@/lib/http/route";

const paramsSchema = z.object({ token: z.string().regex(/^[\w-]{32}$/, "Not a callback token.") });

/**
 * The callback address of tasks sent before hosts had their own routes (all API in One): kept so
 * that a task still running across an upgrade can report back.
 */
export const POST = route(
  {
    name: "seedream callback",
    auth: "public",
    allowAnyOrigin: true,
    params: paramsSchema,
    body: { kind: "json", schema: z.unknown(), maxBytes: 64 * 1024, deferred: true },
  },
  async ({ params, body, request }) =>
    receiveCallback({ provider: CURRENT_PROVIDER, token: params.token, headers: request.headers, body }),
);
