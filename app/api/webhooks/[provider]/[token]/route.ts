import { z } from "zod";
import { receiveCallback } from "@/lib/generations/callback-request";
import { route } from "@/lib/http/route";
import { PROVIDER_IDS } from "@/lib/providers/types";

const paramsSchema = z.object({
  provider: z.enum(PROVIDER_IDS, "Not a host."),
  token: z.string().regex(/^[\w-]{32}$/, "Not a callback token."),
});

/** Each host posts its callbacks here, on the generation's unguessable token (lib/generations/callback-request.ts). */
export const POST = route(
  {
    name: "host callback",
    auth: "public",
    // Hosts' servers send no Origin; the token in the path is the credential.
    allowAnyOrigin: true,
    params: paramsSchema,
    // Deferred: a request for a token we never issued is answered before a byte of it is read.
    body: { kind: "json", schema: z.unknown(), maxBytes: 64 * 1024, deferred: true },
  },
  async ({ params, body, request }) =>
    receiveCallback({ provider: params.provider, token: params.token, headers: request.headers, body }),
);
