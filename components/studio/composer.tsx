"use client";

import { type FormEvent, type KeyboardEvent, type Ref, useEffect, useRef, useState } from "react";
import { createGenerationAction } from "@/app/(studio)/actions";
import { AllowanceSummary } from "@/components/billing/allowance-summary";
import { useAllowance, useRefreshAllowance } from "@/components/billing/use-allowance";
import { ReferenceTray } from "@/components/references/reference-tray";
import type { ReferenceTray as Tray } from "@/components/references/use-reference-tray";
import { goToSignIn } from "@/components/session/session-ended";
import { Button } from "@/components/ui/button";
import { type Allowance, CREDITS_EXHAUSTED_MESSAGE } from "@/lib/billing/allowance";
import { newIdempotencyKey } from "@/lib/generations/idempotency-key";
import { promptSchema } from "@/lib/generations/prompt-schema";
import type { GenerationView } from "@/lib/generations/view";
import type { ProviderId } from "@/lib/providers/types";
import { type AspectRatio, PROMPT_MAX_LENGTH, type Quality } from "@/lib/seedream/constants";
import { AspectRatioPicker } from "./aspect-ratio-picker";
import { saveComposerDraft, takeComposerDraft } from "./composer-draft";
import { loadComposerSettings, saveComposerSettings } from "./composer-settings";
import { HostPicker } from "./host-picker";
import { QualityPicker } from "./quality-picker";
import { usePromptRecall } from "./use-prompt-recall";
import { VariationsPicker } from "./variations-picker";

const EXAMPLE_PROMPTS = [
  "A lighthouse on a cliff at dusk, oil painting",
  "A bowl of ramen on a wooden table, overhead food photography",
  "An isometric reading nook with plants, soft morning light",
];

export interface RemixSettings {
  prompt: string;
  aspectRatio: AspectRatio;
  quality: Quality;
}

export function Composer({
  initial,
  allowance: initialAllowance,
  simulated,
  tray,
  unreachableWarning,
  onCreated,
  promptRef,
  recentPrompts,
  showExamples,
}: {
  initial?: RemixSettings | null;
  allowance: Allowance;
  simulated: boolean;
  tray: Tray;
  unreachableWarning: string | null;
  onCreated: (generations: GenerationView[]) => void;
  promptRef?: Ref<HTMLTextAreaElement>;
  /** Newest first: what ↑ in an empty prompt walks through. */
  recentPrompts: readonly string[];
  /** An empty studio offers a few prompts to start from. */
  showExamples: boolean;
}) {
  const [prompt, setPrompt] = useState(initial?.prompt ?? "");
  const [aspectRatio, setAspectRatio] = useState<AspectRatio>(initial?.aspectRatio ?? "1:1");
  const [quality, setQuality] = useState<Quality>(initial?.quality ?? "basic");
  const [count, setCount] = useState(1);
  const [provider, setProvider] = useState<ProviderId | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [sessionEnded, setSessionEnded] = useState(false);
  // On a phone the composer is docked at the bottom: its options fold away until asked for.
  const [optionsOpen, setOptionsOpen] = useState(false);
  // One key per intended submission: a double click or a resend after a network error reuses it,
  // so the server records one generation. A new key is drawn once the server has answered.
  const idempotencyKey = useRef(newIdempotencyKey());
  const { data: allowance } = useAllowance(initialAllowance);
  const refreshAllowance = useRefreshAllowance();

  // The settings last used here come back. A remix brings its own ratio and quality; how many
  // variations and which host stay this browser's habit.
  useEffect(() => {
    const settings = loadComposerSettings();
    if (!settings) return;
    if (settings.count) setCount(settings.count);
    if (settings.provider) setProvider(settings.provider);
    if (initial) return;
    setAspectRatio(settings.aspectRatio);
    setQuality(settings.quality);
  }, [initial]);

  // The host remembered here may no longer be offered (or be out of credits): then the default.
  const host =
    allowance.hosts.find((offer) => offer.id === provider && !offer.creditsExhausted) ?? allowance.hosts[0];
  const settings = { aspectRatio, quality, count, provider: provider ?? undefined };
  const length = prompt.trim().length;
  const editing = tray.items.length > 0;
  const action = editing ? "Edit" : "Generate";
  const tooManyReferences =
    host && tray.items.length > host.maxReferences
      ? `${host.label} takes at most ${host.maxReferences} reference images in one edit: remove ${tray.items.length - host.maxReferences} or choose another host.`
      : null;
  const exhausted = host?.creditsExhausted ?? allowance.creditsExhausted;
  const chooseAspectRatio = (value: AspectRatio) => {
    setAspectRatio(value);
    saveComposerSettings({ ...settings, aspectRatio: value });
  };
  const chooseQuality = (value: Quality) => {
    setQuality(value);
    saveComposerSettings({ ...settings, quality: value });
  };
  const chooseCount = (value: number) => {
    setCount(value);
    saveComposerSettings({ ...settings, count: value });
  };
  const chooseProvider = (value: ProviderId) => {
    setProvider(value);
    saveComposerSettings({ ...settings, provider: value });
    if (error) setError(null);
  };
  const recallPrompt = usePromptRecall(recentPrompts, prompt, (value) => {
    setPrompt(value);
    if (error) setError(null);
  });

  // Back from signing in again after the session ended: the prompt is where it was left.
  useEffect(() => {
    const draft = takeComposerDraft();
    if (!draft || initial) return;
    setPrompt(draft.prompt);
    setAspectRatio(draft.aspectRatio);
    setQuality(draft.quality);
  }, [initial]);

  const signInAgain = () => {
    saveComposerDraft({ prompt, aspectRatio, quality });
    goToSignIn();
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (submitting) return;
    const checked = promptSchema.safeParse(prompt);
    if (!checked.success) {
      setError(checked.error.issues[0]?.message ?? "Check the prompt.");
      return;
    }
    if (tray.uploading) {
      setError("Wait for the reference images to finish uploading.");
      return;
    }
    if (tooManyReferences) {
      setError(tooManyReferences);
      return;
    }
    setSubmitting(true);
    setError(null);
    setSessionEnded(false);
    try {
      const result = await createGenerationAction({
        prompt: checked.data,
        aspectRatio,
        quality,
        idempotencyKey: idempotencyKey.current,
        referenceIds: tray.items.flatMap((item) => (item.mediaId ? [item.mediaId] : [])),
        count,
        ...(host ? { provider: host.id } : {}),
      });
      idempotencyKey.current = newIdempotencyKey();
      // Accepted or refused, what is left may have changed (a refusal can also mean an admin did).
      refreshAllowance();
      if (result.ok) onCreated(result.data);
      else if (result.error.code === "unauthorized") setSessionEnded(true);
      else setError(result.error.message);
    } catch {
      setError("Could not reach the server. Check your connection and press Generate again.");
    } finally {
      setSubmitting(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  };

  return (
    <form
      onSubmit={submit}
      onKeyDown={onKeyDown}
      className="space-y-4 rounded-2xl border border-zinc-200 bg-white p-5 shadow-sm max-lg:fixed max-lg:inset-x-0 max-lg:bottom-0 max-lg:z-30 max-lg:max-h-[85vh] max-lg:overflow-y-auto max-lg:rounded-b-none max-lg:border-x-0 max-lg:border-b-0 max-lg:p-3 max-lg:shadow-[0_-4px_12px_rgb(0_0_0/0.08)]"
      aria-label="Create an image"
      data-mode={editing ? "edit" : "generate"}
    >
      {exhausted && (
        <p role="status" className="rounded-lg bg-red-50 p-3 text-sm text-red-900">
          {CREDITS_EXHAUSTED_MESSAGE}
        </p>
      )}
      <p className="text-sm font-medium text-violet-700 empty:hidden" aria-live="polite">
        {editing
          ? `Editing with ${tray.items.length} reference image${tray.items.length === 1 ? "" : "s"}`
          : ""}
      </p>
      <div>
        <label htmlFor="prompt" className="mb-2 block text-sm font-medium max-lg:sr-only">
          Prompt
        </label>
        <textarea
          ref={promptRef}
          id="prompt"
          name="prompt"
          value={prompt}
          onChange={(event) => {
            setPrompt(event.target.value);
            if (error) setError(null);
          }}
          onKeyDown={recallPrompt}
          rows={3}
          maxLength={PROMPT_MAX_LENGTH + 500}
          placeholder={
            editing
              ? "Put the hat from image 2 on the person in image 1"
              : "A lighthouse on a cliff at dusk, oil painting"
          }
          aria-invalid={Boolean(error)}
          aria-describedby="prompt-help prompt-error"
          className="block w-full resize-y rounded-lg border border-zinc-300 bg-white p-3 text-sm shadow-sm focus:border-violet-600 max-lg:h-20"
        />
        <p
          id="prompt-help"
          className={`mt-1 flex justify-between gap-2 text-xs text-zinc-500 ${length > PROMPT_MAX_LENGTH * 0.8 ? "" : "max-lg:hidden"}`}
        >
          <span className="max-lg:hidden">
            Ctrl+Enter (⌘+Enter) to {action.toLowerCase()}
            {recentPrompts.length > 0 ? " · ↑ recalls recent prompts" : ""}
          </span>
          <span className={`whitespace-nowrap ${length > PROMPT_MAX_LENGTH ? "text-red-700" : ""}`}>
            {length.toLocaleString("en")} / {PROMPT_MAX_LENGTH.toLocaleString("en")}
          </span>
        </p>
        <p id="prompt-error" role="alert" className="mt-1 min-h-5 text-sm text-red-700 max-lg:min-h-0">
          {sessionEnded ? "Your session has ended. Sign in again; your prompt is kept." : error}
        </p>
        {sessionEnded && (
          <Button type="button" variant="secondary" onClick={signInAgain}>
            Sign in again
          </Button>
        )}
        {showExamples && prompt === "" && (
          <div className="mt-1 space-y-2">
            <p className="text-xs text-zinc-600">Or start from an example:</p>
            <ul className="flex flex-wrap gap-2" aria-label="Examples to start from">
              {EXAMPLE_PROMPTS.map((example) => (
                <li key={example}>
                  <button
                    type="button"
                    onClick={() => setPrompt(example)}
                    className="rounded-full border border-zinc-300 bg-zinc-50 px-3 py-1 text-left text-xs text-zinc-700 hover:border-violet-600 hover:text-violet-800"
                  >
                    {example}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <button
        type="button"
        className="flex w-full items-center justify-between rounded-lg border border-zinc-300 px-3 py-2 text-sm font-medium lg:hidden"
        aria-expanded={optionsOpen}
        aria-controls="composer-options"
        onClick={() => setOptionsOpen((open) => !open)}
      >
        <span>Options {optionsOpen ? "▾" : "▸"}</span>
        <span className="font-normal text-zinc-600">
          {aspectRatio} · {quality === "high" ? "4K" : "2K"}
          {count > 1 ? ` · ${count} images` : ""}
          {editing ? ` · ${tray.items.length} image${tray.items.length === 1 ? "" : "s"}` : ""}
        </span>
      </button>
      <div id="composer-options" className={`space-y-5 ${optionsOpen ? "" : "max-lg:hidden"}`}>
        {host && allowance.hosts.length > 1 && (
          <HostPicker
            hosts={allowance.hosts}
            value={host.id}
            mode={editing ? "edit" : "generate"}
            onChange={chooseProvider}
          />
        )}
        <ReferenceTray
          tray={tray}
          maxReferences={host?.maxReferences}
          // Only a host that fetches our signed URLs needs APP_URL to be reachable from the internet.
          unreachableWarning={host?.fetchesReferences === false ? null : unreachableWarning}
        />
        {editing && host && !host.fetchesReferences && (
          <p role="note" className="rounded-lg bg-zinc-50 p-2 text-xs text-zinc-700">
            {/* Sent with the request, or first uploaded to the host's own file store. */}
            The studio hands the reference images to {host.label} itself, so edits work without a public
            APP_URL.
          </p>
        )}
        {tooManyReferences && (
          <p role="note" className="rounded-lg bg-red-50 p-2 text-sm text-red-800">
            {tooManyReferences}
          </p>
        )}
        <AspectRatioPicker value={aspectRatio} onChange={chooseAspectRatio} />
        <QualityPicker value={quality} onChange={chooseQuality} />
        <VariationsPicker value={count} onChange={chooseCount} />
      </div>
      {/* Stays in view at the bottom of the desktop composer when the options make it scroll. */}
      <div className="flex items-center justify-between gap-4 border-t border-zinc-100 bg-white pt-4 max-lg:pt-3 lg:sticky lg:bottom-0 lg:pb-1">
        {/* A phone shows the price only; the day's and month's use is on the usage page. */}
        <div className="min-w-0 max-lg:[&_p+p]:hidden">
          <AllowanceSummary
            allowance={allowance}
            mode={editing ? "edit" : "generate"}
            simulated={simulated}
            count={count}
            host={host}
          />
        </div>
        <Button type="submit" disabled={submitting || tray.uploading}>
          {submitting ? "Sending…" : tray.uploading ? "Uploading…" : action}
        </Button>
      </div>
    </form>
  );
}
