import type { Metadata } from "next";
import { Gallery } from "@/components/gallery/gallery";
import { getDb } from "@/db";
import { listCollectionsForUser } from "@/db/queries/collections";
import { requireUser } from "@/lib/auth/current-user";
import { getGalleryPage } from "@/lib/generations/gallery";
import { galleryFiltersSchema } from "@/lib/generations/gallery-filters-schema";

export const metadata: Metadata = { title: "Gallery" };

export default async function GalleryPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, unknown>>;
}) {
  const user = await requireUser();
  const filters = galleryFiltersSchema.parse(await searchParams);
  // The first page comes with the HTML; later ones are fetched as the person scrolls.
  const [initialPage, boards] = await Promise.all([
    getGalleryPage(user.id, { filters }),
    listCollectionsForUser(await getDb(), { userId: user.id }),
  ]);
  return (
    <div>
      <h1 className="mb-6 text-2xl font-semibold">Gallery</h1>
      <Gallery initialPage={initialPage} initialFilters={filters} initialBoards={boards} />
    </div>
  );
}
