import { describe, expect, it } from "vitest";
import { DESKTOP_LIST_WIDTH, lanesFor, listWidthForViewport } from "@/components/gallery/gallery-layout";
import { parseViewportHint } from "@/lib/theme/read-viewport-hint";
import { themeScript } from "@/lib/theme/theme";
import { VIEWPORT_HINT_COOKIE } from "@/lib/theme/viewport-hint";

describe("parseViewportHint", () => {
  it("takes a window width in plain digits", () => {
    expect(parseViewportHint("390")).toBe(390);
    expect(parseViewportHint("1280")).toBe(1280);
  });

  it("ignores what our script never writes: absent, empty, signs, fractions, exponents, hex, out of range", () => {
    for (const bad of [
      undefined,
      "",
      " 390",
      "-390",
      "+390",
      "390.5",
      "1e3",
      "0x200",
      "abc",
      "100",
      "99999",
    ]) {
      expect(parseViewportHint(bad), String(bad)).toBeNull();
    }
  });
});

describe("listWidthForViewport", () => {
  it("is the phone's width less the page's padding, the desktop's without a hint or on a wide screen", () => {
    expect(listWidthForViewport(390)).toBe(358);
    expect(lanesFor(listWidthForViewport(390))).toBe(2);
    expect(listWidthForViewport(null)).toBe(DESKTOP_LIST_WIDTH);
    expect(listWidthForViewport(2560)).toBe(DESKTOP_LIST_WIDTH);
    expect(lanesFor(DESKTOP_LIST_WIDTH)).toBe(5);
  });
});

/** Runs the head script against a stand-in window whose cookie writes are recorded. */
function runHeadScript(innerWidth: number, cookie = "") {
  const writes: string[] = [];
  const documentStub = {
    documentElement: { classList: { toggle: () => undefined }, dataset: {} },
    get cookie() {
      return cookie;
    },
    set cookie(value: string) {
      writes.push(value);
    },
  };
  const run = new Function("window", "document", "localStorage", "matchMedia", themeScript);
  run({ innerWidth }, documentStub, { getItem: () => null }, () => ({ matches: false }));
  return writes;
}

describe("the head script's viewport hint", () => {
  it("writes the window's width for the whole site, once", () => {
    const [written] = runHeadScript(390);
    expect(written).toMatch(new RegExp(`^${VIEWPORT_HINT_COOKIE}=390; path=/; max-age=\\d+; samesite=lax$`));
    expect(runHeadScript(390, `a=1; ${VIEWPORT_HINT_COOKIE}=390`)).toEqual([]);
    expect(runHeadScript(1280, `${VIEWPORT_HINT_COOKIE}=390`)).toHaveLength(1);
  });
});
