import { describe, expect, it } from "vitest";
import { galleryFiltersSchema } from "@/lib/generations/gallery-filters-schema";
import { generationInputSchema } from "@/lib/generations/input";

const valid = {
  prompt: "a red fox",
  aspectRatio: "1:1",
  quality: "basic",
  idempotencyKey: "0b5a4c1e-5b8e-4d5f-9a3c-2f1e0d9c8b7a",
};

describe("generation input limits", () => {
  it("accepts 3 to 3000 characters after trimming", () => {
    expect(generationInputSchema.safeParse({ ...valid, prompt: "abc" }).success).toBe(true);
    expect(generationInputSchema.safeParse({ ...valid, prompt: "x".repeat(3000) }).success).toBe(true);
    expect(generationInputSchema.parse({ ...valid, prompt: "   abc   " }).prompt).toBe("abc");
  });

  it("refuses fewer than 3 or more than 3000 characters after trimming, with a readable message", () => {
    const short = generationInputSchema.safeParse({ ...valid, prompt: "  ab   " });
    expect(short.success).toBe(false);
    expect(short.error?.issues[0]?.message).toBe("Write at least 3 characters.");
    const long = generationInputSchema.safeParse({ ...valid, prompt: "x".repeat(3001) });
    expect(long.error?.issues[0]?.message).toMatch(/under 3,000 characters/);
  });

  it("refuses a NUL character (the database cannot store one) with a message that says what to do", () => {
    const result = generationInputSchema.safeParse({ ...valid, prompt: "a red\u0000 fox" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/invisible NUL character.*Retype/);
  });

  it("drops a NUL from a gallery search instead of sending it to the database", () => {
    expect(galleryFiltersSchema.parse({ q: "red\u0000 fox" }).q).toBe("red fox");
    expect(galleryFiltersSchema.parse({ q: "\u0000" }).q).toBe("");
  });

  it("accepts exactly the 8 documented aspect ratios and the two qualities", () => {
    for (const ratio of ["1:1", "4:3", "3:4", "16:9", "9:16", "2:3", "3:2", "21:9"]) {
      expect(generationInputSchema.safeParse({ ...valid, aspectRatio: ratio }).success).toBe(true);
    }
    expect(generationInputSchema.safeParse({ ...valid, aspectRatio: "5:4" }).success).toBe(false);
    expect(generationInputSchema.safeParse({ ...valid, quality: "ultra" }).success).toBe(false);
  });

  it("requires a UUID idempotency key", () => {
    expect(generationInputSchema.safeParse({ ...valid, idempotencyKey: "1" }).success).toBe(false);
  });

  it("takes 0 to 14 distinct reference ids, in order; none means a plain generation", () => {
    const ids = Array.from({ length: 15 }, () => crypto.randomUUID());
    expect(generationInputSchema.parse(valid).referenceIds).toEqual([]);
    expect(generationInputSchema.parse({ ...valid, referenceIds: ids.slice(0, 14) }).referenceIds).toEqual(
      ids.slice(0, 14),
    );
    const tooMany = generationInputSchema.safeParse({ ...valid, referenceIds: ids });
    expect(tooMany.error?.issues[0]?.message).toBe("At most 14 reference images can be used in one edit.");
    const twice = generationInputSchema.safeParse({ ...valid, referenceIds: [ids[0], ids[0]] });
    expect(twice.error?.issues[0]?.message).toMatch(/twice/);
    expect(generationInputSchema.safeParse({ ...valid, referenceIds: ["../x"] }).success).toBe(false);
  });
});
