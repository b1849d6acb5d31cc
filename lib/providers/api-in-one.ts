import { createSeedreamClient, type SeedreamClientOptions } from "@/lib/seedream/client";
import { parseTaskResponse, type TaskSnapshot } from "@/lib/seedream/responses";
import { PROVIDER_PROFILES } from "./profiles";
import type { ProviderAdapter, ProviderResult } from "./types";

// API in One (contract §1): one image per task, public reference URLs, unsigned callbacks.

export function snapshotToResult(snapshot: TaskSnapshot): ProviderResult {
  const succeeded = snapshot.state === "succeeded";
  return {
    status: snapshot.state,
    rawStatus: snapshot.rawStatus,
    progress: snapshot.progress,
    outputs: succeeded ? snapshot.imageUrls.map((url) => ({ url, width: null, height: null })) : [],
    itemErrors: [],
    // "Billed per successful request", and a success without an image is a failure of theirs.
    billedImages: succeeded && snapshot.imageUrls.length > 0 ? 1 : 0,
    error: snapshot.error,
    echo: { taskId: snapshot.taskId, ...snapshot.request },
  };
}

/** API in One and KIE post a callback shaped like their status answer. */
export function taskIdOfStatusBody(body: unknown): string | null {
  try {
    return parseTaskResponse(body).taskId;
  } catch {
    return null;
  }
}

export function createApiInOneAdapter(options: SeedreamClientOptions): ProviderAdapter {
  const client = createSeedreamClient(options);
  return {
    ...PROVIDER_PROFILES["api-in-one"],
    async submit(request) {
      const created = await client.createTask({
        mode: request.mode,
        prompt: request.prompt,
        aspectRatio: request.aspectRatio,
        quality: request.quality,
        imageUrls: request.references,
        callbackUrl: request.callbackUrl,
      });
      return { kind: "queued", providerTaskId: created.taskId };
    },
    async poll(providerTaskId) {
      return snapshotToResult(await client.getTask(providerTaskId));
    },
    callbackTaskId: taskIdOfStatusBody,
  };
}
