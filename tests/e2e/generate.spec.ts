import { expect, test } from "@playwright/test";
import { generate, resultImage, signUp } from "./support/flows";

test("sign up, generate, reload mid-task, see the image, and find it in the gallery", async ({ page }) => {
  await signUp(page);
  await expect(page.getByRole("note")).toContainText("Simulated upstream");

  const prompt = "A lighthouse on a cliff at dusk [sim:durationMs=6000]";
  const card = await generate(page, prompt, { ratio: "16:9" });
  await expect(card.getByRole("status")).toContainText(/Queued|Generating/);

  await page.reload();
  const reloaded = page.getByRole("article", { name: `Generation: ${prompt}` });
  await expect(reloaded.getByRole("status")).toBeVisible();
  await expect(reloaded).toHaveAttribute("data-status", "running");

  const image = await resultImage(page, prompt);
  await expect(reloaded).toHaveAttribute("data-status", "succeeded");
  // A finished result wears no status badge; only what is still under way or went wrong does.
  await expect(reloaded.getByTestId("generation-phase")).toHaveCount(0);
  await expect(reloaded).toContainText("16:9 · 2K");

  // The image opens in the viewer as its display copy, and zoomed in as the owner-only original.
  await image.click();
  const viewer = page.getByRole("dialog", { name: `Viewer: ${prompt}` });
  const shown = viewer.getByRole("img", { name: prompt });
  await expect(shown).toBeVisible();
  const display = await page.request.get((await shown.getAttribute("src")) ?? "");
  expect(display.headers()["content-type"]).toBe("image/webp");
  await viewer.getByRole("button", { name: "Zoom in" }).click();
  await expect(shown).toHaveAttribute("src", /\/original$/);
  const original = await page.request.get((await shown.getAttribute("src")) ?? "");
  expect(original.status()).toBe(200);
  expect(original.headers()["content-type"]).toBe("image/jpeg");
  expect(original.headers()["cache-control"]).toContain("private");
  await page.keyboard.press("Escape");

  await page.getByRole("link", { name: "Gallery" }).click();
  await expect(page.getByRole("heading", { name: "Gallery" })).toBeVisible();
  const item = page.getByRole("listitem").filter({ hasText: "A lighthouse on a cliff at dusk" });
  await expect(item.getByRole("img", { name: prompt })).toBeVisible();
  // Done is the rule, so it gets no badge; only what differs from it does.
  await expect(item).toHaveAttribute("data-status", "succeeded");
  await expect(item).not.toContainText("Done");
});

test("a double click creates one generation", async ({ page }) => {
  await signUp(page);
  await page.getByLabel("Prompt").fill("A single tree in fog [sim:durationMs=500]");
  await page.getByRole("button", { name: "Generate" }).dblclick();
  await resultImage(page, "A single tree in fog [sim:durationMs=500]");
  await page.goto("/gallery");
  await expect(page.getByRole("listitem")).toHaveCount(1);
});

test("the prompt is checked in the browser before anything is sent", async ({ page }) => {
  await signUp(page);
  await page.getByLabel("Prompt").fill("  ab  ");
  await page.getByRole("button", { name: "Generate" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Write at least 3 characters.");
  await expect(page.getByRole("article")).toHaveCount(0);
});

test("signed-out visitors are sent to sign in", async ({ page }) => {
  await page.goto("/gallery");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("sign-in does not reveal which emails have accounts", async ({ page }) => {
  const email = await signUp(page);
  await page.context().clearCookies();
  for (const candidate of [email, "nobody-here@example.com"]) {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(candidate);
    await page.getByLabel("Password").fill("wrong password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Email or password is incorrect.");
  }
});

test("fallback polling pauses while the tab is hidden and resumes when it is shown", async ({ page }) => {
  // Without the event stream the tab polls at full pace (push.spec.ts covers the stream).
  await page.route("**/api/events", (route) => route.abort());
  await signUp(page);
  const statusCalls: number[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/api/generations/")) statusCalls.push(Date.now());
  });
  const prompt = "Watched only while visible [sim:durationMs=60000]";
  await generate(page, prompt);
  await expect.poll(() => statusCalls.length).toBeGreaterThan(1);

  const setVisibility = (state: "hidden" | "visible") =>
    page.evaluate((value) => {
      Object.defineProperty(document, "visibilityState", { value, configurable: true });
      Object.defineProperty(document, "hidden", { value: value === "hidden", configurable: true });
      document.dispatchEvent(new Event("visibilitychange"));
    }, state);

  await setVisibility("hidden");
  await page.waitForTimeout(500); // a poll already in flight may still land
  const whileHidden = statusCalls.length;
  await page.waitForTimeout(3500);
  expect(statusCalls.length).toBe(whileHidden);

  await setVisibility("visible");
  await expect.poll(() => statusCalls.length, { timeout: 5000 }).toBeGreaterThan(whileHidden);
});
