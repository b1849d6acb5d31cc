"use client";

import { type ComponentType, lazy, Suspense } from "react";

/**
 * A component whose code loads the first time it renders, not with the page: React.lazy in its own
 * Suspense boundary, so nothing else waits and nothing shows until it arrives. (next/dynamic does
 * the same but adds about 2 KB of gzip to every page that uses it.)
 */
export function onDemand<Props extends object>(
  load: () => Promise<ComponentType<Props>>,
): ComponentType<Props> {
  const Lazy = lazy(async () => ({ default: await load() }));
  // biome-ignore lint/correctness/noComponentHookFactories: called once per component, at module level
  return function OnDemand(props: Props) {
    return (
      <Suspense fallback={null}>
        <Lazy {...props} />
      </Suspense>
    );
  };
}
