"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import type { GenerationView } from "@/lib/generations/view";

/** One thing that can be done with an image: a link (download, share, remix…) or a command. */
export interface ImageAction {
  id: "open" | "download" | "star" | "copy" | "share" | "remix" | "edit" | "boards" | "delete";
  label: string;
  href?: string;
  download?: boolean;
  run?: () => void;
  danger?: boolean;
  /** The key that does the same, shown beside it. */
  shortcut?: string;
}

export interface ImageActionHandlers {
  open?: () => void;
  star: () => void;
  copy: () => void;
  boards: () => void;
  remove: () => void;
  /** Puts the image into the composer in place; without it, "Edit" goes to the studio with it. */
  edit?: () => void;
}

/**
 * Every action on one image, in one order, for every place that offers them: the menu on a
 * tile or card, the image page and the viewer's toolbar all render this list.
 */
export function imageActionsFor(generation: GenerationView, handlers: ImageActionHandlers): ImageAction[] {
  const { image, id } = generation;
  const done = generation.status === "succeeded" && image !== null;
  const actions: (ImageAction | false)[] = [
    handlers.open !== undefined && image !== null && { id: "open", label: "View", run: handlers.open },
    done && {
      id: "download",
      label: "Download original",
      href: `/api/generations/${id}/download`,
      download: true,
    },
    {
      id: "star",
      label: generation.starred ? "Unstar" : "Star",
      run: handlers.star,
      shortcut: "S",
    },
    { id: "copy", label: "Copy prompt", run: handlers.copy },
    done && { id: "share", label: "Share…", href: `/g/${id}#share` },
    { id: "remix", label: "Remix", href: `/?remix=${id}` },
    done &&
      image &&
      (handlers.edit
        ? { id: "edit", label: "Edit this", run: handlers.edit }
        : { id: "edit", label: "Edit this", href: `/?reference=${image.id}` }),
    { id: "boards", label: "Add to board…", run: handlers.boards },
    { id: "delete", label: "Delete…", run: handlers.remove, danger: true },
  ];
  return actions.filter((action): action is ImageAction => action !== false);
}

/** An action as a link or a button, with whatever role and look the place showing it gives. */
export function ActionControl({
  action,
  className,
  role,
  onDone,
  children,
}: {
  action: ImageAction;
  className: string;
  role?: "menuitem";
  /** Called after the action ran or its link was followed (a menu closes itself here). */
  onDone?: () => void;
  children?: ReactNode;
}) {
  const tone = action.danger ? " text-red-700" : "";
  const label = children ?? action.label;
  // A link taken out of the page during its own click is not followed: close after it.
  const afterFollowing = () => setTimeout(() => onDone?.(), 0);
  // Remix and edit load the studio afresh: its composer takes them in as it starts, even when
  // the studio is the page already open.
  if (action.href && (action.download || action.id === "remix" || action.id === "edit")) {
    return (
      <a
        href={action.href}
        download={action.download}
        role={role}
        className={className + tone}
        onClick={afterFollowing}
      >
        {label}
      </a>
    );
  }
  if (action.href) {
    return (
      <Link href={action.href} role={role} className={className + tone} onClick={afterFollowing}>
        {label}
      </Link>
    );
  }
  return (
    <button
      type="button"
      role={role}
      className={className + tone}
      onClick={() => {
        onDone?.();
        action.run?.();
      }}
    >
      {label}
    </button>
  );
}
