import { PROVIDER_IDS, type ProviderId } from "@/lib/providers/types";
import { type GenerationMode, MODELS } from "@/lib/seedream/constants";

// What one image costs the operator, per provider, model and mode, in studio credits: the unit of
// every budget (one credit is API in One's, ~$0.002). A provider added later brings rows here, not
// a code path. Free of server-only imports: the composer shows the cost of a click from this table.

export const providers = PROVIDER_IDS;
export type Provider = ProviderId;

export interface Price {
  provider: Provider;
  model: string;
  mode: GenerationMode;
  creditsPerImage: number;
}

export const PRICES = [
  // API in One: "12 credits per image" (~$0.024), "billed per successful request".
  { provider: "api-in-one", model: MODELS.generate, mode: "generate", creditsPerImage: 12 },
  { provider: "api-in-one", model: MODELS.edit, mode: "edit", creditsPerImage: 12 },
  // KIE bills per successful task; its Seedream 4.5 list price is ~$0.0325 (unverified): 16 credits.
  { provider: "kie", model: MODELS.generate, mode: "generate", creditsPerImage: 16 },
  { provider: "kie", model: MODELS.edit, mode: "edit", creditsPerImage: 16 },
  // BytePlus ModelArk bills per generated image (usage.generated_images), ~$0.04 (unverified): 20.
  { provider: "ark", model: MODELS.generate, mode: "generate", creditsPerImage: 20 },
  { provider: "ark", model: MODELS.edit, mode: "edit", creditsPerImage: 20 },
  // fal: $0.04 per image (its model page): 20 credits.
  { provider: "fal", model: MODELS.generate, mode: "generate", creditsPerImage: 20 },
  { provider: "fal", model: MODELS.edit, mode: "edit", creditsPerImage: 20 },
] as const satisfies readonly Price[];

/** The provider of rows recorded before providers could be chosen, and of the credits breaker's default. */
export const CURRENT_PROVIDER: Provider = "api-in-one";

export class UnpricedModelError extends Error {
  constructor(key: Omit<Price, "creditsPerImage">) {
    super(`No price for ${key.provider} ${key.model} (${key.mode})`);
    this.name = "UnpricedModelError";
  }
}

/** Credits one image costs; an unpriced combination is a programming error, never "free". */
export function creditsPerImage(key: Omit<Price, "creditsPerImage">): number {
  const row = PRICES.find(
    (price) => price.provider === key.provider && price.model === key.model && price.mode === key.mode,
  );
  if (!row) throw new UnpricedModelError(key);
  return row.creditsPerImage;
}

/** The cost of one image in each mode at a provider: what the composer shows. */
export function pricesOf(provider: Provider = CURRENT_PROVIDER): Record<GenerationMode, number> {
  return {
    generate: creditsPerImage({ provider, model: MODELS.generate, mode: "generate" }),
    edit: creditsPerImage({ provider, model: MODELS.edit, mode: "edit" }),
  };
}
