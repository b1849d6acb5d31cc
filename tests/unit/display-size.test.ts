import { describe, expect, it } from "vitest";
import { displaySrcSet } from "@/lib/media/display-size";

const image = (width: number, height: number) => ({
  thumbnailSrc: "/m/thumbnail",
  mediumSrc: "/m/medium",
  displaySrc: "/m/display",
  width,
  height,
});

describe("displaySrcSet", () => {
  it("offers thumbnail, medium and display copies of a 4K image by width", () => {
    expect(displaySrcSet(image(4096, 4096))).toBe("/m/thumbnail 640w, /m/medium 1280w, /m/display 2048w");
  });

  it("sizes a wide image's copies by its long side", () => {
    expect(displaySrcSet(image(4096, 2048))).toBe("/m/thumbnail 640w, /m/medium 1280w, /m/display 2048w");
    expect(displaySrcSet(image(1024, 4096))).toBe("/m/thumbnail 160w, /m/medium 320w, /m/display 512w");
  });

  it("names each width once, by the smallest file, when the original is small", () => {
    expect(displaySrcSet(image(1000, 800))).toBe("/m/thumbnail 640w, /m/medium 1000w");
    expect(displaySrcSet(image(500, 500))).toBe("/m/thumbnail 500w");
  });
});
