import type { Metadata } from "next";
import { Gallery } from "@/components/gallery/gallery";
import { listWidthForViewport } from "@/components/gallery/gallery-layout";
import { getDb } from "@/db";
import { listCollectionsForUser } from "@/db/queries/collections";
import { requireUser } from "@/lib/auth/current-user";
import { getGalleryPage } from "@/lib/generations/gallery";
import { galleryFiltersSchema } from "@/lib/generations/gallery-filters-schema";
import { readViewportHint } from "@/lib/theme/read-viewport-hint";

export const metadata: Metadata = { title: "Gallery" };

export default async function GalleryPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, unknown>>;
}) {
  const user = await requireUser();
  const filters = galleryFiltersSchema.parse(await searchParams);
  // The first page comes with the HTML; later ones are fetched as the person scrolls.
  const [initialPage, boards, viewportWidth] = await Promise.all([
    getGalleryPage(user.id, { filters }),
    listCollectionsForUser(await getDb(), { userId: user.id }),
    readViewportHint(),
  ]);
  return (
    <div>
      <h1 className="mb-6 text-2xl font-semibold">Gallery</h1>
      <Gallery
        initialPage={initialPage}
        initialFilters={filters}
        initialBoards={boards}
        initialListWidth={listWidthForViewport(viewportWidth)}
      />
    </div>
  );
}
