import { describe, expect, it } from "vitest";
import { formatRelative } from "@/components/ui/relative-time";

describe("formatRelative", () => {
  const now = new Date("2026-11-26T12:00:00Z");
  const ago = (seconds: number) => formatRelative(new Date(now.getTime() - seconds * 1000), now);

  it("says how long ago in the largest unit that fits", () => {
    expect(ago(10)).toBe("just now");
    expect(ago(120)).toBe("2 min. ago");
    expect(ago(3 * 3600)).toBe("3 hr. ago");
    expect(ago(24 * 3600)).toBe("yesterday");
    expect(ago(3 * 24 * 3600)).toBe("3 days ago");
    expect(ago(14 * 24 * 3600)).toBe("2 wk. ago");
    expect(ago(400 * 24 * 3600)).toBe("last yr.");
  });
});
