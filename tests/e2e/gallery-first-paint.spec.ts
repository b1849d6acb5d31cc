import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { generate, signUp } from "./support/flows";

// The gallery's HTML is laid out for the device before any script runs (the head script told the
// server the window's width on an earlier page), and hydration leaves every tile where it was.

const PHONE = { width: 390, height: 844 };
const HINT_COOKIE = "seedream-vw";
const COUNT = 8;

const tiles = (page: Page) => page.locator('ul[aria-label="Images"] > li');

/** Each tile's box by generation id, in the page's coordinates. */
const tileBoxes = (page: Page) =>
  tiles(page).evaluateAll((items) =>
    Object.fromEntries(
      items.map((item) => {
        const box = item.getBoundingClientRect();
        return [
          item.getAttribute("data-generation-id") ?? "",
          { x: box.x, y: box.y + window.scrollY, width: box.width, height: box.height },
        ];
      }),
    ),
  );

/** The page as a browser paints it before hydration: same cookies, no JavaScript at all. */
async function withoutScripts(context: BrowserContext, keep: (name: string) => boolean = () => true) {
  const browser = context.browser();
  if (!browser) throw new Error("no browser");
  const state = await context.storageState();
  const bare = await browser.newContext({
    viewport: PHONE,
    javaScriptEnabled: false,
    storageState: { ...state, cookies: state.cookies.filter((cookie) => keep(cookie.name)) },
  });
  const page = await bare.newPage();
  await page.goto("/gallery");
  await expect(tiles(page).first()).toBeVisible();
  return { page, close: () => bare.close() };
}

const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test("a phone's gallery is painted in two columns before hydration, and hydration moves no tile", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await signUp(page);
  expect((await context.cookies()).find((cookie) => cookie.name === HINT_COOKIE)?.value).toBe("390");
  for (let i = 1; i <= COUNT; i++) await generate(page, `First paint ${i} [sim:durationMs=50]`);
  await page.goto("/gallery");
  await expect(tiles(page).and(page.locator("[data-status=succeeded]"))).toHaveCount(COUNT, {
    timeout: 30_000,
  });

  const before = await withoutScripts(context);
  const painted = await tileBoxes(before.page);
  expect(Object.keys(painted).length).toBeGreaterThanOrEqual(4);
  const columns = new Set(Object.values(painted).map((box) => Math.round(box.x)));
  expect(columns.size).toBe(2);
  expect(Object.values(painted).every((box) => box.x >= 0 && box.x + box.width <= PHONE.width)).toBe(true);
  expect(await overflow(before.page)).toBe(0);
  // Each tile's own height (its image's shape in CSS) fills the place the layout gave it.
  for (const x of columns) {
    const column = Object.values(painted)
      .filter((box) => Math.round(box.x) === x)
      .sort((a, b) => a.y - b.y);
    for (let i = 1; i < column.length; i++) {
      const [above, below] = [column[i - 1], column[i]];
      if (!above || !below) continue;
      expect(Math.abs(below.y - (above.y + above.height) - 16)).toBeLessThanOrEqual(1);
    }
  }
  await before.close();

  // Now with scripts: record any change to a tile's place or size from the first byte on.
  const live = await context.newPage();
  await live.addInitScript(() => {
    const changed: string[] = [];
    (window as unknown as { __tileChanges: string[] }).__tileChanges = changed;
    new MutationObserver((records) => {
      for (const record of records) {
        const target = record.target as Element;
        if (record.type === "attributes" && target.matches('ul[aria-label="Images"] > li')) {
          changed.push(target.getAttribute("data-generation-id") ?? "?");
        }
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ["style"] });
    // The tiles in the HTML, marked as parsed: a hydration that failed and rendered anew would replace them.
    document.addEventListener("DOMContentLoaded", () => {
      for (const tile of document.querySelectorAll('ul[aria-label="Images"] > li')) {
        tile.setAttribute("data-test-from-html", "");
      }
    });
  });
  await live.goto("/gallery");
  // Hydrated: React has claimed the tiles, and its effects (the width measured) have run.
  await live.waitForFunction(() => {
    const tile = document.querySelector('ul[aria-label="Images"] > li');
    return Boolean(tile && Object.keys(tile).some((key) => key.startsWith("__reactFiber")));
  });
  await live.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 300))));
  const hydrated = await tileBoxes(live);
  expect(await tiles(live).and(live.locator(":not([data-test-from-html])")).count()).toBe(0);
  for (const [id, box] of Object.entries(painted)) {
    const now = hydrated[id];
    expect(now, id).toBeDefined();
    for (const side of ["x", "y", "width", "height"] as const) {
      expect(Math.abs((now?.[side] ?? Number.NaN) - box[side]), `${id} ${side}`).toBeLessThanOrEqual(1);
    }
  }
  expect(await live.evaluate(() => (window as unknown as { __tileChanges: string[] }).__tileChanges)).toEqual(
    [],
  );
  expect(await overflow(live)).toBe(0);

  // Keys still move within a column after hydration.
  const first = tiles(live).first();
  const firstX = (await first.boundingBox())?.x ?? Number.NaN;
  await first.getByRole("link").focus();
  await live.keyboard.press("ArrowDown");
  await expect(first.getByRole("link")).not.toBeFocused();
  const focusedX = await live.evaluate(
    () => document.activeElement?.closest("li")?.getBoundingClientRect().x ?? Number.NaN,
  );
  expect(Math.abs(focusedX - firstX)).toBeLessThanOrEqual(1);

  // A browser that never sent the hint still gets no sideways scroll before hydration.
  const unhinted = await withoutScripts(context, (name) => name !== HINT_COOKIE);
  expect(await overflow(unhinted.page)).toBe(0);
  await unhinted.close();
  await context.close();
});
