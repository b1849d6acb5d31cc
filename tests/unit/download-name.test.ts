import { describe, expect, it } from "vitest";
import { attachmentDisposition, downloadName, downloadStem } from "@/lib/generations/download-name";

describe("download file names", () => {
  it("makes a short, safe stem from the prompt", () => {
    expect(downloadStem("Café sign: “Open” [sim:durationMs=50]")).toBe("cafe-sign-open");
    expect(downloadStem("../../etc/passwd")).toBe("etc-passwd");
    expect(downloadStem("日本語のみ")).toBe("seedream-image");
    expect(downloadStem("x".repeat(200))).toHaveLength(60);
  });

  it("adds the short id and extension, so similar prompts never collide in a zip", () => {
    expect(downloadName("A cat", "0123456789abcdef", "png")).toBe("a-cat-01234567.png");
  });

  it("writes a Content-Disposition that cannot be broken out of", () => {
    const header = attachmentDisposition('evil"; name=\\x.zip');
    expect(header.startsWith("attachment; filename=\"evil_; name=_x.zip\"; filename*=UTF-8''")).toBe(true);
  });
});
