import { z } from "zod";
import { AppError } from "@/lib/errors";
import { attachmentDisposition } from "@/lib/generations/download-name";
import { zipOfResults } from "@/lib/generations/gallery";
import { listOf } from "@/lib/http/request-input";
import { route } from "@/lib/http/route";

const formSchema = z.object({
  ids: listOf(
    z.array(z.uuid()).min(1, "Select at least one image.").max(500, "Select at most 500 images at once."),
  ),
});

/**
 * A zip of the selected images, posted as a plain form so the browser downloads it itself.
 * Auth.js cookies are SameSite=Lax and other sites' posts are refused, so only our page can ask.
 */
export const POST = route(
  // 500 ids of 36 characters fit in 21 KB of form.
  { name: "zip download", auth: "user", body: { kind: "form", schema: formSchema, maxBytes: 64 * 1024 } },
  async ({ user, body }) => {
    const zip = await zipOfResults(user.id, body.ids);
    if (!zip) throw new AppError("not_found", "None of the selected images is ready to download.");
    const stamp = new Date().toISOString().slice(0, 10);
    return new Response(zip, {
      headers: {
        "content-type": "application/zip",
        "content-disposition": attachmentDisposition(`seedream-images-${stamp}.zip`),
      },
    });
  },
);
