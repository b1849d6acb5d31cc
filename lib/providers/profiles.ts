import { PROVIDER_IDS, type ProviderCapabilities, type ProviderId } from "./types";

// What each host is and can do, known without building its client: the composer's offers, the
// admin's list and the request checks all read it here, and each adapter declares itself from it.

export interface ProviderProfile {
  id: ProviderId;
  /** Shown to users and admins. */
  label: string;
  capabilities: ProviderCapabilities;
}

export const PROVIDER_PROFILES: Record<ProviderId, ProviderProfile> = {
  // One image per task, public reference URLs, unsigned callbacks (contract §1–§2).
  "api-in-one": {
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
  },
  // One image per task; references go to KIE's own file host first; callbacks can carry an HMAC (contract §5).
  kie: {
    id: "kie",
    label: "KIE",
    capabilities: {
      maxReferences: 14,
      maxImagesPerSubmission: 1,
      maxImagesInAll: null,
      execution: "task",
      referenceTransport: "host-upload",
      callbacks: "signed",
    },
  },
  // Synchronous, a batch through sequential generation, references inline; 15 images in all.
  ark: {
    id: "ark",
    label: "BytePlus ModelArk",
    capabilities: {
      maxReferences: 14,
      maxImagesPerSubmission: 4,
      maxImagesInAll: 15,
      execution: "sync",
      referenceTransport: "data-uri",
      callbacks: "none",
    },
  },
  // Queue API with num_images; references go to fal's storage first; an edit takes at most 10.
  fal: {
    id: "fal",
    label: "fal",
    capabilities: {
      maxReferences: 10,
      maxImagesPerSubmission: 4,
      maxImagesInAll: null,
      execution: "queue",
      referenceTransport: "host-upload",
      callbacks: "none",
    },
  },
};

/** The hosts whose capabilities pass `test`, in the usual order. */
export function providersWhere(test: (capabilities: ProviderCapabilities) => boolean): ProviderId[] {
  return PROVIDER_IDS.filter((id) => test(PROVIDER_PROFILES[id].capabilities));
}

/** Hosts that answer only once the images are made (minutes): sent by the worker, never in a request. */
export const answersWithImages = (capabilities: ProviderCapabilities): boolean =>
  capabilities.execution === "sync";
