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
import { type AspectRatio, PROMPT_MAX_LENGTH, type Quality } from "@/lib/seedream/constants";
import { AspectRatioPicker } from "./aspect-ratio-picker";
import { saveComposerDraft, takeComposerDraft } from "./composer-draft";
import { QualityPicker } from "./quality-picker";

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
}: {
  initial?: RemixSettings | null;
  allowance: Allowance;
  simulated: boolean;
  tray: Tray;
  unreachableWarning: string | null;
  onCreated: (generation: GenerationView) => void;
  promptRef?: Ref<HTMLTextAreaElement>;
}) {
  const [prompt, setPrompt] = useState(initial?.prompt ?? "");
  const [aspectRatio, setAspectRatio] = useState<AspectRatio>(initial?.aspectRatio ?? "1:1");
  const [quality, setQuality] = useState<Quality>(initial?.quality ?? "basic");
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [sessionEnded, setSessionEnded] = useState(false);
  // One key per intended submission: a double click or a resend after a network error reuses it,
  // so the server records one generation. A new key is drawn once the server has answered.
  const idempotencyKey = useRef(newIdempotencyKey());
  const { data: allowance } = useAllowance(initialAllowance);
  const refreshAllowance = useRefreshAllowance();

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

  const length = prompt.trim().length;
  const editing = tray.items.length > 0;
  const action = editing ? "Edit" : "Generate";
  return (
    <form
      onSubmit={submit}
      onKeyDown={onKeyDown}
      className="space-y-5 rounded-2xl border border-zinc-200 bg-white p-5 shadow-sm"
      aria-label="Create an image"
      data-mode={editing ? "edit" : "generate"}
    >
      {allowance.creditsExhausted && (
        <p role="status" className="rounded-lg bg-red-50 p-3 text-sm text-red-900">
          {CREDITS_EXHAUSTED_MESSAGE}
        </p>
      )}
      <p className="text-xs font-medium tracking-wide text-violet-700 uppercase" aria-live="polite">
        {editing
          ? `Edit mode · ${tray.items.length} reference image${tray.items.length === 1 ? "" : "s"}`
          : "Generate mode · text to image"}
      </p>
      <div>
        <label htmlFor="prompt" className="mb-2 block text-sm font-medium">
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
          rows={4}
          maxLength={PROMPT_MAX_LENGTH + 500}
          placeholder={
            editing
              ? "Put the hat from image 2 on the person in image 1"
              : "A lighthouse on a cliff at dusk, oil painting"
          }
          aria-invalid={Boolean(error)}
          aria-describedby="prompt-help prompt-error"
          className="block w-full resize-y rounded-lg border border-zinc-300 p-3 text-sm shadow-sm focus:border-violet-600"
        />
        <p id="prompt-help" className="mt-1 flex justify-between text-xs text-zinc-500">
          <span>Ctrl+Enter (⌘+Enter on a Mac) to {action.toLowerCase()}.</span>
          <span className={length > PROMPT_MAX_LENGTH ? "text-red-700" : undefined}>
            {length.toLocaleString("en")} / {PROMPT_MAX_LENGTH.toLocaleString("en")}
          </span>
        </p>
        <p id="prompt-error" role="alert" className="mt-1 min-h-5 text-sm text-red-700">
          {sessionEnded ? "Your session has ended. Sign in again; your prompt is kept." : error}
        </p>
        {sessionEnded && (
          <Button type="button" variant="secondary" onClick={signInAgain}>
            Sign in again
          </Button>
        )}
      </div>
      <ReferenceTray tray={tray} unreachableWarning={unreachableWarning} />
      <AspectRatioPicker value={aspectRatio} onChange={setAspectRatio} />
      <QualityPicker value={quality} onChange={setQuality} />
      <div className="flex items-center justify-between gap-4 border-t border-zinc-100 pt-4">
        <AllowanceSummary allowance={allowance} mode={editing ? "edit" : "generate"} simulated={simulated} />
        <Button type="submit" disabled={submitting || tray.uploading}>
          {submitting ? "Sending…" : tray.uploading ? "Uploading…" : action}
        </Button>
      </div>
    </form>
  );
}
