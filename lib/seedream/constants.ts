// Facts of the Seedream 4.5 / API in One contract (../shared/upstream-contract.md §1, §3).
// Kept free of server-only imports: the composer uses the same limits in the browser.

export const ASPECT_RATIOS = ["1:1", "4:3", "3:4", "16:9", "9:16", "3:2", "2:3", "21:9"] as const;
export type AspectRatio = (typeof ASPECT_RATIOS)[number];

export const QUALITIES = ["basic", "high"] as const;
export type Quality = (typeof QUALITIES)[number];

export const MODELS = {
  generate: "seedream/4.5-text-to-image",
  edit: "seedream/4.5-edit",
} as const;
export type GenerationMode = keyof typeof MODELS;

export const PROMPT_MIN_LENGTH = 3;
// API in One allows 5000 but KIE, behind it, rejects more than 3000.
export const PROMPT_MAX_LENGTH = 3000;

// ModelArk's table; the real size is read from each file, this is what to expect.
export const OUTPUT_SIZES: Record<AspectRatio, Record<Quality, { width: number; height: number }>> = {
  "1:1": { basic: { width: 2048, height: 2048 }, high: { width: 4096, height: 4096 } },
  "4:3": { basic: { width: 2304, height: 1728 }, high: { width: 4704, height: 3520 } },
  "3:4": { basic: { width: 1728, height: 2304 }, high: { width: 3520, height: 4704 } },
  "16:9": { basic: { width: 2848, height: 1600 }, high: { width: 5504, height: 3040 } },
  "9:16": { basic: { width: 1600, height: 2848 }, high: { width: 3040, height: 5504 } },
  "3:2": { basic: { width: 2496, height: 1664 }, high: { width: 4992, height: 3328 } },
  "2:3": { basic: { width: 1664, height: 2496 }, high: { width: 3328, height: 4992 } },
  "21:9": { basic: { width: 3136, height: 1344 }, high: { width: 6240, height: 2656 } },
};
