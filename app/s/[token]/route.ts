import { z } from "zod";
import { getDb } from "@/db";
import { getSharedImage } from "@/db/queries/shares";
import { documentNonce, route } from "@/lib/http/route";
import { shareUrl } from "@/lib/shares/to-item";
import { shareTokenSchema } from "@/lib/shares/token";
import { isSimulated } from "@/lib/upstream";
import { sharePageHtml, turnedOffPageHtml } from "./share-document";

const htmlResponse = (body: string, status: number) =>
  new Response(body, { status, headers: { "content-type": "text/html; charset=utf-8" } });

// The public share page: no account needed; counts a view. A route handler rather than a page, so
// the answer is plain HTML with no client runtime (see share-document.tsx). Any token shape is
// taken here, so a malformed link gets the same "turned off" page as a revoked one.
export const GET = route(
  { name: "share page", auth: "public", document: true, params: z.object({ token: z.string() }) },
  async ({ request, params: { token } }) => {
    const nonce = documentNonce(request);
    const parsed = shareTokenSchema.safeParse(token);
    const shared = parsed.success
      ? await getSharedImage(await getDb(), { token: parsed.data, countView: true })
      : undefined;
    if (!shared) return htmlResponse(turnedOffPageHtml({ nonce }), 404);
    const page = sharePageHtml({ shared, url: shareUrl(shared.token), nonce, simulated: isSimulated() });
    return htmlResponse(page, 200);
  },
);
