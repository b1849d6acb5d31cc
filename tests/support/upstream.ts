import { createApiInOneAdapter } from "@/lib/providers/api-in-one";
import type { ProviderAdapter, ProviderId } from "@/lib/providers/types";
import type { SeedreamClientOptions } from "@/lib/seedream/client";
import type { Upstream } from "@/lib/upstream";

/** An Upstream whose hosts a test may swap (to make one fail, hang or lie) and put back. */
export type TestUpstream = Upstream & { adapters: Map<ProviderId, ProviderAdapter> };

export function testUpstream(
  adapters: ProviderAdapter[],
  rest: Partial<Omit<Upstream, "adapters">> = {},
): TestUpstream {
  return {
    adapters: new Map(adapters.map((adapter) => [adapter.id, adapter])),
    simulated: true,
    acceptsCallbacks: false,
    allowHosts: [],
    ...rest,
  };
}

/** The API in One adapter on these client options (the simulator's default contract). */
export function apiInOneUpstream(
  options: SeedreamClientOptions,
  rest: Partial<Omit<Upstream, "adapters">> = {},
): TestUpstream {
  return testUpstream([createApiInOneAdapter(options)], rest);
}

export function hostOf(upstream: TestUpstream, id: ProviderId = "api-in-one"): ProviderAdapter {
  const adapter = upstream.adapters.get(id);
  if (!adapter) throw new Error(`no ${id} adapter`);
  return adapter;
}

/** Runs `body` with one host replaced, and puts the original back whatever happens. */
export async function withHost<T>(
  upstream: TestUpstream,
  adapter: ProviderAdapter,
  body: () => Promise<T>,
): Promise<T> {
  const original = hostOf(upstream, adapter.id);
  upstream.adapters.set(adapter.id, adapter);
  try {
    return await body();
  } finally {
    upstream.adapters.set(adapter.id, original);
  }
}
