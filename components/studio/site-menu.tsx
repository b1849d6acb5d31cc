"use client";

import { usePathname } from "next/navigation";
import { type ReactNode, useEffect, useId, useState } from "react";

/** The header's links: in a row on wider screens, behind a Menu button on a phone. */
export function SiteMenu({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const id = useId();
  // A followed link closes the menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation only
  useEffect(() => setOpen(false), [pathname]);
  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((value) => !value)}
        className="ml-auto rounded-md border border-zinc-300 px-3 py-1.5 text-sm md:hidden"
      >
        Menu
      </button>
      <div
        id={id}
        className={`${open ? "flex" : "hidden"} basis-full flex-col gap-3 pb-2 md:flex md:flex-1 md:basis-auto md:flex-row md:items-center md:gap-6 md:pb-0`}
      >
        {children}
      </div>
    </>
  );
}
