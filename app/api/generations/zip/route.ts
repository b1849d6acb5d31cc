import { z } from "zod";
import { requireUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { attachmentDisposition } from "@/lib/generations/download-name";
import { zipOfResults } from "@/lib/generations/gallery";
import { jsonError } from "@/lib/http/route";

const formSchema = z.object({
  ids: z.array(z.uuid()).min(1, "Select at least one image.").max(500, "Select at most 500 images at once."),
});

/**
 * A zip of the selected images, posted as a plain form so the browser downloads it itself.
 * Auth.js cookies are SameSite=Lax, so another site cannot post this with the user's session.
 */
export async function POST(request: Request) {
  try {
    const user = await requireUser();
    const form = await request.formData().catch(() => {
      throw new AppError("invalid_input", "Send the selection as a form.");
    });
    const parsed = formSchema.safeParse({ ids: form.getAll("ids") });
    if (!parsed.success)
      throw new AppError("invalid_input", parsed.error.issues[0]?.message ?? "Bad selection.");
    const zip = await zipOfResults(user.id, parsed.data.ids);
    if (!zip) throw new AppError("not_found", "None of the selected images is ready to download.");
    const stamp = new Date().toISOString().slice(0, 10);
    return new Response(zip, {
      headers: {
        "content-type": "application/zip",
        "content-disposition": attachmentDisposition(`seedream-images-${stamp}.zip`),
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return jsonError(error, "zip download");
  }
}
