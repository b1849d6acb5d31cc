import { z } from "zod";

// How the simulator misbehaves. Set globally (POST /__sim/behaviour) or per task with a directive in
// the prompt, e.g. "a cat [sim:outcome=fail,durationMs=8000]", so tests need no shared state.
// accepted_then_error: the task is created but the answer is a 500, the case where only a callback
// or a later status check can tell the app that its create landed.
export const behaviourSchema = z.object({
  latencyMs: z.coerce.number().int().min(0).max(600_000).default(0),
  durationMs: z.coerce.number().int().min(0).max(3_600_000).default(4000),
  create: z
    .enum([
      "ok",
      "accepted_then_error",
      "rate_limited",
      "server_error",
      "garbage",
      "hang",
      "bad_request",
      "key_rejected",
      "out_of_credits",
      "body_error",
    ])
    .default("ok"),
  status: z.enum(["ok", "rate_limited", "server_error", "garbage", "hang", "not_found"]).default("ok"),
  // How long the upstream waits for each reference image it downloads from the app. Generous by
  // default: `next dev` compiles the signed-media route on its first request (seconds).
  referenceTimeoutMs: z.coerce.number().int().min(1).max(600_000).default(30_000),
  // How the host of result files answers: server_error makes every download of a result fail.
  files: z.enum(["ok", "server_error"]).default("ok"),
  createShape: z.enum(["envelope", "flat", "kie"]).default("envelope"),
  statusShape: z
    .enum(["canonical", "lowercase", "kie", "flat", "image_url", "output_array", "result_urls"])
    .default("canonical"),
  // fail_once: the first task with a given prompt fails, later ones succeed (to test retrying).
  outcome: z.enum(["success", "fail", "fail_once", "forever", "no_url"]).default("success"),
  urlTtlMs: z.coerce
    .number()
    .int()
    .min(0)
    .default(24 * 3600_000),
  format: z.enum(["jpeg", "png"]).default("jpeg"),
  callbacks: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]).default(true),
  // How often a callback that got no answer (or a 5xx) is tried again, 2 s apart. API in One does not
  // say whether it retries; a sender that does lets a callback reach an app that was restarting.
  callbackRetries: z.coerce.number().int().min(0).max(20).default(0),
  // Whether a task's status says what its create asked for (prompt, settings; KIE's `param` also
  // the callback URL): what lets the app confirm a callback's task is the one it created.
  echoRequest: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]).default(true),
  // Hosts with batches (Ark, fal): which image of the batch (1-based) the content filter takes; 0 none.
  filterItem: z.coerce.number().int().min(0).max(15).default(0),
});

export type Behaviour = z.output<typeof behaviourSchema>;
export type BehaviourPatch = Partial<z.input<typeof behaviourSchema>>;

export const defaultBehaviour: Behaviour = behaviourSchema.parse({});

const DIRECTIVE = /\[sim:([^\]]*)\]/g;

/** Reads `[sim:key=value,…]` directives; a bare word is shorthand for the outcome (`[sim:fail]`). */
export function promptDirectives(prompt: string): BehaviourPatch {
  const patch: Record<string, string> = {};
  for (const match of prompt.matchAll(DIRECTIVE)) {
    for (const part of (match[1] ?? "").split(",")) {
      const [key, value] = part.split("=").map((s) => s.trim());
      if (!key) continue;
      if (value === undefined) patch.outcome = key;
      else patch[key] = value;
    }
  }
  return patch as BehaviourPatch;
}

export function resolveBehaviour(base: Behaviour, patch: BehaviourPatch): Behaviour {
  const merged = behaviourSchema.safeParse({ ...base, ...patch });
  return merged.success ? merged.data : base;
}
