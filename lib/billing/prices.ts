import { type GenerationMode, MODELS } from "@/lib/seedream/constants";

// What one image costs the operator, per provider, model and mode, in the provider's credits.
// A provider added later brings rows here, not a code path. Free of server-only imports: the
// composer shows the cost of a click from the same table.

export const providers = ["api-in-one"] as const;
export type Provider = (typeof providers)[number];

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
] as const satisfies readonly Price[];

/** The provider every generation goes to today (the bundled simulator imitates it). */
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

/** The cost of one image in each mode at the current provider: what the composer shows. */
export function currentPrices(): Record<GenerationMode, number> {
  return {
    generate: creditsPerImage({ provider: CURRENT_PROVIDER, model: MODELS.generate, mode: "generate" }),
    edit: creditsPerImage({ provider: CURRENT_PROVIDER, model: MODELS.edit, mode: "edit" }),
  };
}
