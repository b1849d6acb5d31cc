"use client";

import { usePathname, useRouter } from "next/navigation";
import { useCallback } from "react";
import { PageDropZone } from "./page-drop-zone";
import { handOverDroppedFiles } from "./pending-drops";

/**
 * On every signed-in page but the studio (which has its own), images dropped anywhere open the
 * studio with them as references, instead of the browser navigating away to the file.
 */
export function GlobalDropZone() {
  const pathname = usePathname();
  const router = useRouter();
  const onFiles = useCallback(
    (files: File[]) => {
      handOverDroppedFiles(files);
      router.push("/");
    },
    [router],
  );
  if (pathname === "/") return null;
  return <PageDropZone onFiles={onFiles} message="Drop images to edit them in the studio" />;
}
