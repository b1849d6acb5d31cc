import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { processImage, UnsupportedImageError } from "@/lib/media/image-processing";
import { previewSize, renderSocialPreview } from "@/lib/media/social-preview";

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: "#336699" } })
    .png()
    .toBuffer();

describe("processImage", () => {
  it("reads the real type and size and makes a WebP thumbnail and a tiny placeholder", async () => {
    const result = await processImage(await png(1600, 900));
    expect(result).toMatchObject({
      format: "png",
      contentType: "image/png",
      extension: "png",
      width: 1600,
      height: 900,
    });
    const thumb = await sharp(result.thumbnail).metadata();
    expect(thumb.format).toBe("webp");
    expect(Math.max(thumb.width ?? 0, thumb.height ?? 0)).toBe(640);
    expect(result.placeholder).toMatch(/^data:image\/webp;base64,/);
    expect(result.placeholder.length).toBeLessThan(400);
  });

  it("refuses text, SVG and truncated images", async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    const truncated = (await png(800, 800)).subarray(0, 200);
    for (const bytes of [Buffer.from("hello, not an image"), svg, truncated]) {
      await expect(processImage(bytes)).rejects.toBeInstanceOf(UnsupportedImageError);
    }
  });
});

describe("social preview", () => {
  it("keeps the shape within 1200 px and never enlarges", async () => {
    expect(previewSize(3136, 1344)).toEqual({ width: 1200, height: 514 });
    expect(previewSize(1664, 2496)).toEqual({ width: 800, height: 1200 });
    expect(previewSize(640, 480)).toEqual({ width: 640, height: 480 });
    const original = await sharp({
      create: { width: 3136, height: 1344, channels: 3, background: "#336699" },
    })
      .png()
      .toBuffer();
    const preview = await sharp(await renderSocialPreview(original, 3136, 1344)).metadata();
    expect(preview).toMatchObject({ format: "jpeg", width: 1200, height: 514 });
  });
});
