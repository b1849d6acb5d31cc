import { createSeedreamClient, type SeedreamClientOptions } from "@/lib/seedream/client";
import type { TaskSnapshot } from "@/lib/seedream/responses";
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
  };
}

export function createApiInOneAdapter(options: SeedreamClientOptions): ProviderAdapter {
  const client = createSeedreamClient(options);
  return {
    id: "api-in-one",
    label: "API in One",
    capabilities: {
      maxReferences: 14,
      maxImagesPerSubmission: 1,
      maxImagesInAll: null,
      execution: "task",
      referenceTransport: "public-url",
      callbacks: "hint",
    },
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
  };
}
