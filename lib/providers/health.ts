import "server-only";
import type { Db } from "@/db/client";
import { recordProviderFailure, recordProviderSuccess } from "@/db/queries/provider-health";
import { logEvent } from "@/lib/logging/log";
import { SeedreamError, type SeedreamErrorCode, seedreamErrorCodes } from "@/lib/seedream/errors";
import type { ProviderId } from "./types";

// Keeps each host's health row (db/queries/provider-health.ts) for the admin view. Only what we
// decide is stored: a stable code and our own sentence for it, never the host's text, a prompt or a key.

export type ProviderOutcome = { ok: true } | { ok: false; code: string };

export type HealthEffect =
  | { kind: "success" }
  | { kind: "failure"; code: string; message: string }
  | { kind: "none" };

// The host answered, about this one request or task: a refused prompt or setting, or a task id it
// does not know (yet). Like a task failed for its content, that says nothing about the host itself.
const ABOUT_THE_REQUEST = new Set<string>(["bad_request", "task_not_found"]);

const CODE = /^[a-z][a-z0-9_]{0,39}$/;

const isSeedreamCode = (code: string): code is SeedreamErrorCode =>
  (seedreamErrorCodes as readonly string[]).includes(code);

/** Codes of calls that are not Seedream's own API: uploads to the host's file store. */
export const REFERENCE_UPLOAD_FAILED = "reference_upload_failed";
const OTHER_MESSAGES: Record<string, string> = {
  [REFERENCE_UPLOAD_FAILED]:
    "A reference image could not be uploaded to the host's file store, so an edit was not sent.",
};

/** Our own sentence for an error code; a code we do not know is named, never explained from outside. */
export function providerErrorMessage(code: string): string {
  if (isSeedreamCode(code)) return new SeedreamError(code).message;
  const other = OTHER_MESSAGES[code];
  if (other) return other;
  return "The image service call failed with an error we have no description for.";
}

/**
 * What one call's outcome does to its host's record: an accepted create or an answered status
 * check is a success; a refused, unknown or unanswered one a failure; one about the request, nothing.
 */
export function classifyProviderOutcome(outcome: ProviderOutcome): HealthEffect {
  if (outcome.ok) return { kind: "success" };
  if (ABOUT_THE_REQUEST.has(outcome.code)) return { kind: "none" };
  const code = CODE.test(outcome.code) ? outcome.code : "unknown_error";
  return { kind: "failure", code, message: providerErrorMessage(code) };
}

/** Records a host's outcome; never throws, so the generation it came from goes on regardless. */
export async function noteProviderOutcome(
  db: Db,
  provider: ProviderId,
  outcome: ProviderOutcome,
): Promise<void> {
  try {
    const effect = classifyProviderOutcome(outcome);
    if (effect.kind === "success") await recordProviderSuccess(db, provider);
    if (effect.kind === "failure") await recordProviderFailure(db, provider, effect);
  } catch (error) {
    logEvent("providers", "health not recorded", { provider, ok: outcome.ok }, error);
  }
}
