import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { prepareReference, ReferenceRejectedError } from "@/lib/media/prepare-reference";
import { referenceCountProblem, referenceProblem } from "@/lib/media/reference-limits";
import { sniffImageType } from "@/lib/media/sniff-image-type";
import { pngBomb } from "../support/images";

const facts = { name: "a.png", type: "image/png", bytes: 1000, width: 800, height: 600 };

describe("reference limits (shared by browser and server)", () => {
  it("accepts an ordinary JPEG, PNG or WebP", () => {
    for (const type of ["image/jpeg", "image/png", "image/webp"])
      expect(referenceProblem({ ...facts, type })).toBeNull();
  });

  it.each([
    [{ type: "image/gif" }, "not a JPEG, PNG or WebP"],
    [{ type: "image/svg+xml" }, "not a JPEG, PNG or WebP"],
    [{ bytes: 0 }, "is empty"],
    [{ bytes: 10 * 1024 * 1024 + 1 }, "larger than 10 MB"],
    [{ width: 14 }, "too small"],
    [{ height: 14 }, "too small"],
    [{ width: 1700, height: 100 }, "between 1:16 and 16:1"],
    [{ width: 100, height: 1700 }, "between 1:16 and 16:1"],
    [{ width: 6001, height: 6000 }, "more than 36 megapixels"],
  ])("refuses %j with a message naming the file", (change, message) => {
    const problem = referenceProblem({ ...facts, ...change });
    expect(problem).toContain("a.png");
    expect(problem).toContain(message);
  });

  it("keeps the edges: 15 px sides, exactly 16:1 and exactly 36 MP pass", () => {
    expect(referenceProblem({ ...facts, width: 15, height: 15 })).toBeNull();
    expect(referenceProblem({ ...facts, width: 1600, height: 100 })).toBeNull();
    expect(referenceProblem({ ...facts, width: 6000, height: 6000 })).toBeNull();
  });

  it("allows up to 14 references", () => {
    expect(referenceCountProblem(14)).toBeNull();
    expect(referenceCountProblem(15)).toMatch(/At most 14/);
  });
});

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: "#884422" } })
    .png()
    .toBuffer();

async function rejection(name: string, bytes: Buffer): Promise<string> {
  try {
    await prepareReference(name, bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(ReferenceRejectedError);
    return (error as Error).message;
  }
  throw new Error("expected a rejection");
}

describe("prepareReference (the server's check)", () => {
  it("sniffs the type from the bytes", async () => {
    expect(sniffImageType(await png(20, 20))).toBe("image/png");
    expect(sniffImageType(Buffer.from("GIF89a"))).toBeNull();
  });

  it("refuses a text file named .png, an SVG, an empty file, a truncated image and a bomb", async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"/>');
    const truncated = (await png(400, 400)).subarray(0, 120);
    expect(await rejection("notes.png", Buffer.from("just some text"))).toMatch(/not a JPEG, PNG or WebP/);
    expect(await rejection("logo.svg", svg)).toMatch(/not a JPEG, PNG or WebP/);
    expect(await rejection("empty.png", Buffer.alloc(0))).toMatch(/not a JPEG, PNG or WebP|empty/);
    expect(await rejection("cut.png", truncated)).toMatch(/damaged|could not be read/);
    expect(await rejection("bomb.png", pngBomb())).toMatch(/more than 36 megapixels/);
  });

  it("applies the EXIF orientation, then strips EXIF and GPS", async () => {
    const photo = await sharp({ create: { width: 300, height: 200, channels: 3, background: "#123456" } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExifMerge({
        IFD0: { Copyright: "me" },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 0/1" },
      })
      .toBuffer();
    const before = await sharp(photo).metadata();
    expect(before.exif).toBeDefined();
    expect(before.orientation).toBe(6);
    const prepared = await prepareReference("photo.jpg", photo);
    expect([prepared.width, prepared.height]).toEqual([200, 300]);
    const meta = await sharp(prepared.body).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect([meta.width, meta.height]).toEqual([200, 300]);
    expect(prepared.contentType).toBe("image/jpeg");
  });
});
