import { describe, expect, it } from "vitest";
import { upstreamFailureMessage } from "@/lib/generations/failure-message";

describe("what a failed task tells the person", () => {
  it("words a reference the upstream could not download as that, never as the prompt's fault", () => {
    for (const upstream of [
      "The upstream could not download reference image 1 from this app: no answer within 30 s.",
      "Could not fetch reference image 2 (HTTP 404).",
      "failed to download image_urls[0]: reference image 1 timed out",
    ]) {
      const message = upstreamFailureMessage(upstream);
      expect(message).toMatch(/^The upstream could not download reference image \d from this app/);
      expect(message).toContain("not about your prompt");
      expect(message).not.toContain("change the prompt");
    }
  });

  it("keeps the general message for other failures", () => {
    expect(upstreamFailureMessage("content policy violation")).toBe(
      "Seedream could not make this image (content policy violation). Failed tasks are not charged. Retry, or change the prompt.",
    );
    expect(upstreamFailureMessage(null)).toContain("Seedream could not make this image.");
    expect(upstreamFailureMessage("Reference image 1 is not a JPEG, PNG or WebP image.")).toContain(
      "Seedream could not make this image",
    );
  });
});
