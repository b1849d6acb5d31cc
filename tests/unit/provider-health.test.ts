import { describe, expect, it } from "vitest";
import type { ProviderHealth } from "@/db/schema";
import { classifyProviderOutcome, providerErrorMessage } from "@/lib/providers/health";
import { hostHealthView, type OfferedHost } from "@/lib/providers/health-view";
import { SeedreamError, type SeedreamErrorCode, seedreamErrorCodes } from "@/lib/seedream/errors";

describe("classifying a host's outcome", () => {
  it("counts an accepted create or an answered status check as a success", () => {
    expect(classifyProviderOutcome({ ok: true })).toEqual({ kind: "success" });
  });

  it.each<SeedreamErrorCode>([
    "outcome_unknown",
    "upstream_unavailable",
    "rate_limited",
    "key_rejected",
    "out_of_credits",
    "invalid_response",
  ])("counts %s as the host failing, with our own message for it", (code) => {
    expect(classifyProviderOutcome({ ok: false, code })).toEqual({
      kind: "failure",
      code,
      message: new SeedreamError(code).message,
    });
  });

  it.each(["bad_request", "task_not_found"])("leaves the record alone for %s: about the request", (code) => {
    expect(classifyProviderOutcome({ ok: false, code })).toEqual({ kind: "none" });
  });

  it("names a code it does not know without storing anything from outside", () => {
    expect(classifyProviderOutcome({ ok: false, code: "queue_full" })).toMatchObject({
      kind: "failure",
      code: "queue_full",
      message: providerErrorMessage("queue_full"),
    });
    const odd = classifyProviderOutcome({ ok: false, code: "Invalid key sk-123 for user@example.com" });
    expect(odd).toMatchObject({ kind: "failure", code: "unknown_error" });
    expect(JSON.stringify(odd)).not.toContain("sk-123");
  });

  it("has a message for every code the upstream client raises", () => {
    for (const code of seedreamErrorCodes)
      expect(providerErrorMessage(code)).toBe(new SeedreamError(code).message);
  });
});

describe("a host's state in the admin view", () => {
  const host: OfferedHost = { id: "kie", label: "KIE", simulated: true, isDefault: false };
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 26, 12, minute));
  const row = (values: Partial<ProviderHealth>): ProviderHealth => ({
    provider: "kie",
    lastSuccessAt: null,
    lastFailureAt: null,
    lastErrorCode: null,
    lastErrorMessage: null,
    consecutiveFailures: 0,
    failingSince: null,
    updatedAt: at(0),
    ...values,
  });
  const failures = (count: number) =>
    row({
      lastSuccessAt: at(1),
      lastFailureAt: at(9),
      lastErrorCode: "rate_limited",
      lastErrorMessage: "busy",
      consecutiveFailures: count,
      failingSince: at(5),
    });

  it("has no calls yet without a record", () => {
    expect(hostHealthView(host, undefined)).toMatchObject({
      state: { kind: "no_calls" },
      lastError: null,
      lastSuccessAt: null,
    });
  });

  it("is healthy through a blip of two failures, and failing from the third", () => {
    expect(hostHealthView(host, failures(2)).state).toEqual({ kind: "healthy", failuresInRow: 2 });
    expect(hostHealthView(host, failures(3))).toMatchObject({
      state: { kind: "failing", since: at(5).toISOString(), failuresInRow: 3 },
      lastError: { code: "rate_limited", message: "busy", at: at(9).toISOString() },
      lastSuccessAt: at(1).toISOString(),
    });
  });

  it("keeps showing the last error after the host healed", () => {
    const healed = row({ lastSuccessAt: at(10), lastFailureAt: at(9), lastErrorCode: "rate_limited" });
    expect(hostHealthView(host, healed)).toMatchObject({
      state: { kind: "healthy", failuresInRow: 0 },
      lastError: { code: "rate_limited", at: at(9).toISOString() },
    });
  });
});
