import type { AspectRatio, GenerationMode, Quality } from "@/lib/seedream/constants";

// One port for every Seedream host (contract §5): a canonical request in, one result shape out.
// Everything host-specific (URLs, field names, status words, sizes, how references travel) lives
// in that host's adapter; the lifecycle, money rules and prices only ever see these types.

export const PROVIDER_IDS = ["api-in-one", "kie", "ark", "fal"] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

export const MAX_BATCH = 4;

export interface CanonicalRequest {
  mode: GenerationMode;
  prompt: string;
  aspectRatio: AspectRatio;
  quality: Quality;
  /** Each reference as the adapter's capabilities ask for it: a public URL, a data URI or the host's own upload URL. */
  references: string[];
  /** Images wanted from this one submission (1 for hosts without native batches). */
  count: number;
  callbackUrl?: string;
}

export interface ProviderCapabilities {
  /** Most references one edit may carry. */
  maxReferences: number;
  /** Most images one submission can return; 1 means a batch is sent as that many tasks. */
  maxImagesPerSubmission: number;
  /** References and outputs of one submission counted together (Ark: 15), or null. */
  maxImagesInAll: number | null;
  /** task: create then poll a task id; queue: the same with a separate result fetch; sync: the answer holds the images. */
  execution: "task" | "queue" | "sync";
  /**
   * public-url: the host fetches our signed URLs (APP_URL must be reachable); data-uri: sent inline;
   * host-upload: each is first uploaded to the host's own file store (`uploadReference`).
   */
  referenceTransport: "public-url" | "data-uri" | "host-upload";
  /** none; hint: unauthenticated, only triggers a status check; signed: verifiable (with its key set). */
  callbacks: "none" | "hint" | "signed";
}

export interface ProviderOutput {
  url: string;
  width: number | null;
  height: number | null;
}

export interface ProviderItemError {
  code: string;
  message: string;
  /**
   * Its place among the images asked for, where the host keeps each item in its place (Ark);
   * absent where it only sends fewer images, packed (fal).
   */
  position?: number;
}

export type ProviderStatus = "queued" | "running" | "succeeded" | "failed" | "unrecognized";

/** One shape for a status read and a synchronous answer alike. */
export interface ProviderResult {
  status: ProviderStatus;
  /** The host's own word, for the log. */
  rawStatus: string;
  progress: number | null;
  outputs: ProviderOutput[];
  /** Items the host reports it could not make (a filtered variation, say). */
  itemErrors: ProviderItemError[];
  /** What the host bills: images made, never images asked for. */
  billedImages: number;
  /** Why the whole submission failed, as the host said it (for the log, not for users verbatim). */
  error: string | null;
  /**
   * What the host says the task was asked for, where it says it (null fields: not said). Binds a
   * task id an unauthenticated callback named to a create whose answer never came.
   */
  echo?: TaskEcho;
}

export interface TaskEcho {
  taskId: string | null;
  model: string | null;
  prompt: string | null;
  aspectRatio: string | null;
  quality: string | null;
  callbackUrl: string | null;
}

export interface CallbackHeaders {
  get(name: string): string | null;
}

export type SubmitOutcome =
  | { kind: "queued"; providerTaskId: string }
  | { kind: "finished"; result: ProviderResult };

/** One reference image, as read from our storage, for a host that takes uploads. */
export interface ReferenceFile {
  bytes: Buffer;
  contentType: string;
  name: string;
}

export interface ProviderAdapter {
  id: ProviderId;
  /** Shown to users and admins. */
  label: string;
  capabilities: ProviderCapabilities;
  submit(request: CanonicalRequest): Promise<SubmitOutcome>;
  /** Reads a queued submission; never resubmits it. */
  poll(providerTaskId: string): Promise<ProviderResult>;
  /** The task id a callback's body names, or null (hosts without callbacks: always null). */
  callbackTaskId(body: unknown): string | null;
  /**
   * Whether a callback is authentic, for hosts that sign them and a key is set: false refuses it.
   * Absent: callbacks cannot be verified and are only hints.
   */
  verifyCallback?(taskId: string, headers: CallbackHeaders): boolean;
  /**
   * Hosts whose transport is host-upload: puts one reference on the host's file store and returns
   * the URL to send. Free and never a create; throws ReferenceUploadError when it did not work.
   */
  uploadReference?(file: ReferenceFile, signal: AbortSignal): Promise<string>;
}
