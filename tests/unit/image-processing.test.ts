import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { processImage, UnsupportedImageError } from "@/lib/media/image-processing";

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
