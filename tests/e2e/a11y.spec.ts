import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { type AppServer, e2eDataDir, e2ePort, startAppServer } from "./support/app-server";
import { generate, PASSWORD, resultImage } from "./support/flows";
import { shareFromImagePage } from "./support/shares";

// Every page, in both themes, on a server of its own (so its first account is the admin and the
// admin pages can be checked too): no serious or critical axe finding, and the page structure
// axe asks for (one main, an h1, nothing outside a landmark).
const PORT = e2ePort(50);
const BASE = `http://localhost:${PORT}`;
const STRUCTURE_RULES = ["region", "page-has-heading-one", "landmark-one-main"];

test.describe.configure({ mode: "serial" });
test.use({ baseURL: BASE });

let server: AppServer;
const pages = { signedOut: [] as string[], signedIn: [] as string[] };
const email = "axe@example.com";

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const dataDir = path.join(e2eDataDir(), "..", `a11y-${process.env.E2E_RUN_ID}`);
  fs.mkdirSync(dataDir, { recursive: true });
  server = await startAppServer({ port: PORT, dataDir });
});
test.afterAll(async () => server?.stop());

async function violations(page: Page, url: string, theme: "light" | "dark") {
  await page.emulateMedia({ colorScheme: theme });
  await page.goto(url);
  await expect(page.locator("html")).toHaveClass(theme === "dark" ? /\bdark\b/ : /^(?!.*\bdark\b)/);
  await page.waitForLoadState("networkidle");
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical" || STRUCTURE_RULES.includes(v.id))
    .map((v) => `${url} (${theme}) ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("sets up an admin with results, a live share and a revoked one", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Recent results" })).toBeVisible();
  pages.signedIn.push("/"); // checked again below, once it has results
  const emptyStudio = await violations(page, "/", "light");
  const emptyDark = await violations(page, "/", "dark");
  expect([...emptyStudio, ...emptyDark]).toEqual([]);

  const kept = "A kept share of a harbour [sim:durationMs=200]";
  const revoked = "A revoked share of a meadow [sim:durationMs=200]";
  const { shareUrl, generationUrl } = await shareFromImagePage(page, kept, { showPrompt: true });
  await page.goto("/");
  const gone = await shareFromImagePage(page, revoked, { showPrompt: false });
  await page.goto("/shares");
  await page
    .getByRole("listitem", { name: `Share link for ${revoked}` })
    .getByRole("button", { name: "Revoke" })
    .click();
  await page.getByRole("dialog").getByRole("button", { name: "Turn off link" }).click();
  await expect(page.getByRole("listitem", { name: `Share link for ${revoked}` })).toHaveCount(0);
  await page.goto("/");
  const failed = await generate(page, "A storm that never comes [sim:fail,durationMs=200]");
  await expect(failed).toHaveAttribute("data-status", "failed");
  await generate(page, "A lantern still being made [sim:durationMs=60000]");
  await resultImage(page, kept);

  pages.signedIn.push(
    "/gallery",
    new URL(generationUrl).pathname,
    "/shares",
    "/usage",
    "/account",
    "/admin",
    "/admin/invitations",
    "/admin/usage",
    "/admin/audit",
    "/no-such-page",
    new URL(shareUrl).pathname,
    new URL(gone.shareUrl).pathname,
  );
  pages.signedOut.push("/sign-in", "/sign-up", new URL(shareUrl).pathname, "/no-such-page");
});

for (const theme of ["light", "dark"] as const) {
  test(`no serious or critical axe findings on any signed-in page (${theme})`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Recent results" })).toBeVisible();
    const found: string[] = [];
    for (const url of pages.signedIn) found.push(...(await violations(page, url, theme)));
    expect(found).toEqual([]);
  });

  test(`no serious or critical axe findings on any signed-out page (${theme})`, async ({ page }) => {
    const found: string[] = [];
    for (const url of pages.signedOut) found.push(...(await violations(page, url, theme)));
    expect(found).toEqual([]);
  });
}
