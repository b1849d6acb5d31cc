import "server-only";
import type { ShareItem } from "@/components/shares/share-list";
import type { ShareSummary } from "@/db/queries/shares";
import { env } from "@/lib/config/env";

export const shareUrl = (token: string): string => `${env().APP_URL}/s/${token}`;

export function toShareItem(share: ShareSummary): ShareItem {
  return {
    id: share.id,
    url: shareUrl(share.token),
    generationId: share.generationId,
    prompt: share.prompt,
    showPrompt: share.showPrompt,
    allowIndexing: share.allowIndexing,
    viewCount: share.viewCount,
    createdAt: share.createdAt.toISOString(),
    thumbnailSrc: share.mediaId ? `/media/${share.mediaId}/thumbnail` : null,
  };
}
