import { randomUUID } from "node:crypto";
import path from "node:path";
import { claimSubmission, markFinished, markSubmitted } from "@/db/queries/generation-lifecycle";
import { listSourceFiles } from "@/db/queries/generation-sources";
import type { Generation } from "@/db/schema";
import { recordCreateAccepted, recordOutOfCredits } from "@/lib/billing/credit-breaker";
import { env } from "@/lib/config/env";
import { noteProviderOutcome, REFERENCE_UPLOAD_FAILED } from "@/lib/providers/health";
import { PROVIDER_PROFILES } from "@/lib/providers/profiles";
import { ReferenceUploadError } from "@/lib/providers/reference-upload";
import { UnsupportedRequestError } from "@/lib/providers/request-check";
import type { ProviderAdapter, ProviderId, ReferenceFile, SubmitOutcome } from "@/lib/providers/types";
import type { AspectRatio } from "@/lib/seedream/constants";
import { SeedreamError } from "@/lib/seedream/errors";
import { adapterFor } from "@/lib/upstream";
import { logGenerationEvent } from "./logger";
import { type RefreshDeps, settleAnswer, TASK_DEADLINE_MS } from "./refresh";

// The host fetches references while the task runs, which we give up on after the deadline; twice
// that covers a slow queue, and the URLs are worthless soon after.
export const REFERENCE_URL_TTL_SECONDS = Math.ceil((2 * TASK_DEADLINE_MS) / 1000);

export function callbackUrlFor(provider: ProviderId, token: string): string {
  return `${env().APP_URL}/api/webhooks/${provider}/${token}`;
}

/** The callback address of creates sent before each host had its own route. */
export function legacyCallbackUrlFor(token: string): string {
  return `${env().APP_URL}/api/webhooks/seedream/${token}`;
}

/** Ends every row of a submission that was never sent: nothing was charged, so each hold is released. */
async function failUnsent(
  { db }: Pick<RefreshDeps, "db">,
  rows: readonly Generation[],
  errorCode: string,
  errorMessage: string,
): Promise<void> {
  for (const row of rows)
    await markFinished(db, { id: row.id, from: ["pending"], status: "failed", errorCode, errorMessage });
}

// Every upload of one edit together, well inside the 3 minutes after which the sweep takes a send
// that has not answered for one that died with its process (the create's own 30 s come after).
export const REFERENCE_UPLOAD_DEADLINE_MS = 90_000;

// Inline references travel in the request body, base64 (a third larger), held for the whole send:
// bounded so that a few large edits cannot exhaust the server's memory.
export const MAX_INLINE_REFERENCE_BYTES = 30 * 1024 * 1024;

interface Unsendable {
  errorCode: string;
  errorMessage: string;
}

const REFERENCE_MISSING: Unsendable = {
  errorCode: "reference_missing",
  errorMessage: "A reference image was deleted before the edit was sent. Nothing was charged.",
};

async function readStored(storage: RefreshDeps["storage"], key: string): Promise<Buffer | null> {
  const stored = await storage.get(key);
  return stored ? Buffer.concat(await stored.body.toArray()) : null;
}

/** Puts one reference on the host's own file store; free, and never a create. */
async function uploadTo(
  adapter: ProviderAdapter,
  file: ReferenceFile,
  deadline: AbortSignal,
): Promise<string> {
  if (!adapter.uploadReference) throw new Error(`${adapter.id} takes no uploads`);
  return adapter.uploadReference(file, deadline);
}

/**
 * The edit's references as the host takes them: signed URLs it fetches, the bytes inline, or each
 * uploaded (in order) to the host's own file store. Unsendable when one was deleted after the edit
 * was recorded or an upload failed: nothing has been sent then, so nothing can have been charged.
 */
async function referencesFor(
  { db, storage }: Pick<RefreshDeps, "db" | "storage">,
  generationId: string,
  adapter: ProviderAdapter,
): Promise<string[] | Unsendable> {
  const files = await listSourceFiles(db, generationId);
  const present = files.filter((file) => file !== null);
  if (present.length === 0 || present.length !== files.length) return REFERENCE_MISSING;
  const transport = adapter.capabilities.referenceTransport;
  if (transport === "public-url") {
    return present.map((file) =>
      storage.signedUrl(file.storageKey, { expiresInSeconds: REFERENCE_URL_TTL_SECONDS }),
    );
  }
  const deadline = AbortSignal.timeout(REFERENCE_UPLOAD_DEADLINE_MS);
  const references: string[] = [];
  let inlineBytes = 0;
  for (const [index, file] of present.entries()) {
    const bytes = await readStored(storage, file.storageKey);
    if (!bytes) return REFERENCE_MISSING;
    if (transport === "data-uri") {
      inlineBytes += bytes.length;
      if (inlineBytes > MAX_INLINE_REFERENCE_BYTES) {
        const limitMb = MAX_INLINE_REFERENCE_BYTES / 1024 / 1024;
        return {
          errorCode: "references_too_large",
          errorMessage: `${adapter.label} takes reference images inside the request, at most ${limitMb} MB in all, and these are more. Use fewer or smaller images. Nothing was charged.`,
        };
      }
      references.push(`data:${file.contentType};base64,${bytes.toString("base64")}`);
      continue;
    }
    try {
      // A fresh name each time: KIE's file host replaces a file uploaded under the same name.
      const name = `${randomUUID()}${path.extname(file.storageKey)}`;
      references.push(await uploadTo(adapter, { bytes, contentType: file.contentType, name }, deadline));
    } catch (error) {
      logGenerationEvent("reference upload failed", {
        id: generationId,
        provider: adapter.id,
        reference: index + 1,
        code: error instanceof ReferenceUploadError ? error.reason : "unexpected",
      });
      // A call to the host that did not work, like a refused create: counted in its health (an
      // error of ours is not). Only failures: the create that follows a working upload is the
      // success that ends a streak, so uploads that work cannot hide creates that keep failing.
      if (error instanceof ReferenceUploadError) {
        await noteProviderOutcome(db, adapter.id, { ok: false, code: REFERENCE_UPLOAD_FAILED });
      }
      return {
        errorCode: REFERENCE_UPLOAD_FAILED,
        errorMessage: `Could not upload reference image ${index + 1} to ${adapter.label}, so the edit was not sent. Nothing was charged.`,
      };
    }
  }
  return references;
}

/**
 * Sends the create request of a generation (with the rows that follow it, on a host that makes a
 * batch in one submission), once. A create whose outcome is unknown is recorded as such and never
 * sent again by us: only a status check or a callback may settle it.
 */
export async function submitGeneration(deps: RefreshDeps, id: string): Promise<void> {
  const { db, upstream } = deps;
  const rows = await claimSubmission(db, id, deps.instanceId);
  const [lead] = rows;
  if (!lead) return;
  const adapter = adapterFor(upstream, lead.provider);
  if (!adapter) {
    const { label } = PROVIDER_PROFILES[lead.provider];
    return failUnsent(
      deps,
      rows,
      "provider_unavailable",
      `This studio no longer sends to ${label}. Nothing was charged.`,
    );
  }
  const references = lead.mode === "edit" ? await referencesFor(deps, lead.id, adapter) : [];
  if (!Array.isArray(references)) {
    // Settled before any money is spent: a reference was deleted, or did not reach the host's store.
    return failUnsent(deps, rows, references.errorCode, references.errorMessage);
  }
  await send(deps, adapter, rows, references);
}

async function send(
  deps: RefreshDeps,
  adapter: ProviderAdapter,
  rows: Generation[],
  references: string[],
): Promise<void> {
  const { db, upstream } = deps;
  const [lead] = rows;
  if (!lead) return;
  const ids = rows.map((row) => row.id);
  let outcome: SubmitOutcome;
  try {
    outcome = await adapter.submit({
      mode: lead.mode,
      prompt: lead.prompt,
      aspectRatio: lead.aspectRatio as AspectRatio,
      quality: lead.quality,
      references,
      count: rows.length,
      callbackUrl:
        upstream.acceptsCallbacks && adapter.capabilities.callbacks !== "none"
          ? callbackUrlFor(lead.provider, lead.callbackToken)
          : undefined,
    });
  } catch (error) {
    if (error instanceof UnsupportedRequestError) {
      // Refused by our own check of the host's limits: nothing left for the host.
      return failUnsent(deps, rows, "unsupported", error.message);
    }
    const failure =
      error instanceof SeedreamError ? error : new SeedreamError("outcome_unknown", { cause: error });
    await noteProviderOutcome(db, lead.provider, { ok: false, code: failure.code });
    logGenerationEvent("create failed", {
      id: lead.id,
      provider: lead.provider,
      code: failure.code,
      http: failure.httpStatus,
      cause: failure.cause instanceof Error ? failure.cause.name : undefined,
    });
    const unknown = failure.code === "outcome_unknown";
    // A refused create (no task id) releases its holds here; an unknown one keeps them. A refusal
    // is conclusive even for a row a sweep meanwhile called unknown (a send that was only slow).
    for (const id of ids) {
      await markFinished(db, {
        id,
        from: unknown ? ["pending"] : ["pending", "unknown"],
        status: unknown ? "unknown" : "failed",
        errorCode: failure.code,
        errorMessage: failure.message,
      });
    }
    if (failure.code === "out_of_credits") await recordOutOfCredits(db, lead.id, lead.provider);
    return;
  }
  // The host took it: what follows is ours, and a failure of ours must not read as the host's.
  if (outcome.kind === "queued") {
    await markSubmitted(db, { ids, taskId: outcome.providerTaskId, upstreamStatus: "queued" });
  }
  await recordCreateAccepted(db, lead.id, lead.provider);
  await noteProviderOutcome(db, lead.provider, { ok: true });
  if (outcome.kind === "finished") await settleAnswer(deps, rows, outcome.result);
}
