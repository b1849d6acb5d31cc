import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, type Browser, expect, type Page, test } from "@playwright/test";
import type { ProviderId } from "../../lib/providers/types";
import { type AppServer, e2ePort, simulatorControlHeaders, startAppServer } from "./support/app-server";
import { resultImage } from "./support/flows";
import { meanColour, pickFiles, solidImage, tray, uploadsSettled } from "./support/references";
import { signUpAt } from "./support/team-server";

// One studio offering every Seedream host, all played by the bundled simulator: the same flows must
// pass whichever host is chosen, and a batch on a host with native batches shows (and charges) what
// it made. One server for the whole file.
test.describe.configure({ mode: "serial" });

const SIMULATOR_PORT = e2ePort(91);
// How each host gets an edit's references: our signed URLs it fetches (APP_URL must be public),
// inline data URIs, or uploads to its own file store (the simulator's, here).
type ReferenceKind = "url" | "data-uri" | "upload";
const HOSTS: { id: ProviderId; label: string; price: number; references: ReferenceKind }[] = [
  { id: "api-in-one", label: "API in One", price: 12, references: "url" },
  { id: "kie", label: "KIE", price: 16, references: "upload" },
  { id: "ark", label: "BytePlus ModelArk", price: 20, references: "data-uri" },
  { id: "fal", label: "fal", price: 20, references: "upload" },
];

let server: AppServer;
let dataDir: string;
let page: Page;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  dataDir = path.resolve(`tests/.tmp/providers-${Date.now()}`);
  server = await startAppServer({
    port: e2ePort(90),
    dataDir,
    simulatorPort: SIMULATOR_PORT,
    env: { SIMULATED_PROVIDERS: HOSTS.map((host) => host.id).join(",") },
  });
  page = await freshUser(browser, "providers@example.com");
});
test.afterAll(async () => server?.stop());
// biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures a hook needs from this pattern
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) {
    await testInfo.attach("server output", { body: server?.output() ?? "" });
  }
});

async function freshUser(browser: Browser, email: string): Promise<Page> {
  const user = await (await browser.newContext({ baseURL: server.url })).newPage();
  await signUpAt(user, server.url, email);
  return user;
}

const composer = (user: Page) => user.getByRole("form", { name: "Create an image" });
const allowance = (user: Page) => user.getByRole("region", { name: "Cost and allowance" });

/** Clicks the option as a person does: on its visible label (the radio itself is visually hidden). */
async function pick(user: Page, name: string | RegExp) {
  const radio = user.getByRole("radio", { name });
  await composer(user).locator("label", { has: radio }).click();
  await expect(radio).toBeChecked();
}

async function choose(user: Page, host: (typeof HOSTS)[number], count = 1) {
  await pick(user, new RegExp(`^${host.label} \\(`));
  await pick(user, count === 1 ? "1 image" : `${count} images`);
}

interface SimTask {
  host: string;
  prompt: string;
  count: number;
  references: string[];
  referenceKinds: ReferenceKind[];
  images: number;
}

/** The task the simulator received for this prompt, on whichever host it was sent to. */
async function sentTask(request: APIRequestContext, prompt: string): Promise<SimTask | undefined> {
  const headers = await simulatorControlHeaders(dataDir);
  const base = `http://127.0.0.1:${SIMULATOR_PORT}/__sim`;
  const hosted = (await (await request.get(`${base}/host-tasks`, { headers })).json()) as SimTask[];
  const found = hosted.find((task) => task.prompt === prompt);
  if (found) return found;
  const own = (await (await request.get(`${base}/tasks`, { headers })).json()) as {
    prompt: string;
    imageUrls: string[];
  }[];
  const task = own.find((candidate) => candidate.prompt === prompt);
  return (
    task && {
      host: "api-in-one",
      prompt,
      count: 1,
      references: task.imageUrls,
      referenceKinds: task.imageUrls.map(() => "url"),
      images: 1,
    }
  );
}

/** Serious or critical axe findings on what the page shows now. */
async function seriousFindings(user: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page: user }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const isRed = ([r, g, b]: number[]) => (r ?? 0) > 150 && (g ?? 0) < 90 && (b ?? 0) < 90;

for (const host of HOSTS) {
  test(`text to image on ${host.label}`, async () => {
    await page.goto("/");
    await choose(page, host);
    await expect(allowance(page)).toContainText(`This image: ${host.price} credits`);
    const prompt = `A lighthouse by ${host.label} [sim:durationMs=300]`;
    await page.getByLabel("Prompt").fill(prompt);
    await composer(page).getByRole("button", { name: "Generate", exact: true }).click();
    const card = page.getByRole("article", { name: `Generation: ${prompt}` });
    await resultImage(page, prompt);
    await expect(card).toContainText(host.label);
    expect((await sentTask(page.request, prompt))?.host).toBe(host.id);
  });
}

for (const host of HOSTS) {
  test(`an edit on ${host.label} derives from its reference`, async () => {
    await page.goto("/");
    // The reference of the previous edit comes back with the composer's draft, once it has loaded.
    const restored = await expect(tray(page))
      .toHaveCount(1, { timeout: 3000 })
      .then(() => true)
      .catch(() => false);
    if (!restored) {
      await pickFiles(page, [await solidImage("red.png", "#d01010", { width: 300, height: 200 })]);
    }
    await uploadsSettled(page);
    await choose(page, host);
    await expect(allowance(page)).toContainText(`This image: ${host.price} credits`);
    // Only hosts that fetch our signed URLs depend on APP_URL being public.
    await expect(composer(page).getByText("edits work without a public APP_URL")).toHaveCount(
      host.references === "url" ? 0 : 1,
    );
    const prompt = `Turn image 1 into a watercolour on ${host.label} [sim:durationMs=300]`;
    await page.getByLabel("Prompt").fill(prompt);
    await composer(page).getByRole("button", { name: "Edit", exact: true }).click();
    const result = await resultImage(page, prompt);
    expect(isRed(await meanColour(page, (await result.getAttribute("src")) ?? ""))).toBe(true);
    const sent = await sentTask(page.request, prompt);
    expect(sent?.host).toBe(host.id);
    expect(sent?.references).toHaveLength(1);
    expect(sent?.referenceKinds).toEqual([host.references]);
    // Only a host that fetches references is handed our signed URL.
    expect(sent?.references[0]?.startsWith(`${server.url}/`)).toBe(host.references === "url");

    // The image page names its host.
    const id = await page
      .getByRole("article", { name: `Generation: ${prompt}` })
      .getAttribute("data-generation-id");
    await page.goto(`/g/${id}`);
    await expect(
      page.getByRole("definition").filter({ hasText: new RegExp(`^${host.label}$`) }),
    ).toBeVisible();
  });
}

test("fal refuses more references than it takes, before anything is sent", async () => {
  await page.goto("/");
  const files = await Promise.all(
    Array.from({ length: 11 }, (_, index) => solidImage(`r${index}.png`, "#1010d0")),
  );
  await pickFiles(page, files);
  await uploadsSettled(page);
  await choose(page, HOSTS[3] as (typeof HOSTS)[number]);
  // Eleven, or twelve with the red image the edits above left in the tray.
  const note = /^fal takes at most 10 reference images in one edit: remove [12] or choose another host\.$/;
  await expect(composer(page).getByRole("note").filter({ hasText: note })).toBeVisible();
  await page.getByLabel("Prompt").fill("Too many for fal");
  await composer(page).getByRole("button", { name: "Edit", exact: true }).click();
  await expect(page.locator("#prompt-error")).toHaveText(note);
  await expect(page.getByRole("article", { name: "Generation: Too many for fal" })).toHaveCount(0);
});

/** Four variations with the second withheld by the host's filter: the card fills with three. */
async function batchWithOneWithheld(user: Page, host: (typeof HOSTS)[number], prompt: string) {
  await choose(user, host, 4);
  await expect(allowance(user)).toContainText(`4 images: ${4 * host.price} credits`);
  await expect(allowance(user)).toContainText("0 images today");
  await user.getByLabel("Prompt").fill(prompt);
  await composer(user).getByRole("button", { name: "Generate", exact: true }).click();

  const card = user.getByRole("article", { name: `Generation: ${prompt}` });
  await expect(card).toHaveCount(1);
  await expect(card.getByRole("list", { name: "Variations" }).getByRole("listitem")).toHaveCount(4);
  await expect(card.getByTestId("batch-summary")).toHaveText("3 of 4 made", { timeout: 30_000 });
  await expect(card.getByRole("img", { name: prompt })).toHaveCount(3);
  await expect(card).toContainText(host.label);
  await expect(card.getByRole("list", { name: "Why some were not made" })).toContainText(
    "This variation was not made",
  );
  await expect(card).toContainText(/images not made are not charged/i);
  // One submission of four on the host, which made three.
  expect(await sentTask(user.request, prompt)).toMatchObject({ host: host.id, count: 4, images: 3 });
  // The hold of the missing image is given back: three images charged, not four.
  await expect(allowance(user)).toContainText("3 images today");
  await expect(allowance(user)).toContainText(`${3 * host.price} credits used this month`);
  return card;
}

test("four variations on fal with one withheld: three images, why, three charged", async ({ browser }) => {
  const user = await freshUser(browser, "fal-batch@example.com");
  await batchWithOneWithheld(
    user,
    HOSTS[3] as (typeof HOSTS)[number],
    "Four owls [sim:filterItem=2,durationMs=300]",
  );
});

test("four variations on ModelArk with one withheld: the host's reason, and the batch in the gallery and on the image page", async ({
  browser,
}) => {
  const user = await freshUser(browser, "ark-batch@example.com");
  const prompt = "Four foxes in the snow [sim:filterItem=2,durationMs=300]";
  const card = await batchWithOneWithheld(user, HOSTS[2] as (typeof HOSTS)[number], prompt);
  // Ark names what it withheld, per item.
  await expect(card.getByRole("list", { name: "Why some were not made" })).toContainText(
    "Simulated content filter: this variation was withheld.",
  );
  // The host choice, the variations and the batch card as axe sees them.
  expect(await seriousFindings(user)).toEqual([]);

  // Each image opens in the viewer and has its own menu.
  await card
    .getByRole("link", { name: `View: ${prompt}` })
    .nth(1)
    .click();
  await expect(user).toHaveURL(/[?&]view=/);
  await user.keyboard.press("Escape");
  await card.getByRole("button", { name: "Actions" }).first().click();
  await expect(user.getByRole("menu")).toBeVisible();
  await user.keyboard.press("Escape");

  // The choice of host and count is remembered.
  await user.reload();
  await expect(user.getByRole("radio", { name: "4 images" })).toBeChecked();
  await expect(user.getByRole("radio", { name: /^BytePlus ModelArk \(/ })).toBeChecked();

  // The gallery shows the batch as one tile that expands to all four.
  await user.goto("/gallery");
  const images = user.getByRole("list", { name: "Images" });
  await expect(images.getByRole("listitem")).toHaveCount(1);
  await images.getByRole("button", { name: "Show all 4 variations" }).click();
  await expect(images.getByRole("listitem")).toHaveCount(4);
  expect(await seriousFindings(user)).toEqual([]);
  await images.getByRole("button", { name: "Show only the first of 4 variations" }).click();
  await expect(images.getByRole("listitem")).toHaveCount(1);

  // The image page shows its siblings, each linking to its own page.
  const first = await images.getByRole("listitem").getAttribute("data-generation-id");
  await user.goto(`/g/${first}`);
  const siblings = user.getByRole("region", { name: "Variations from the same click" });
  await expect(siblings.getByRole("link")).toHaveCount(4);
  await expect(siblings.getByRole("link", { name: "Variation 1 (this image)" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await siblings.getByRole("link", { name: "Variation 2" }).click();
  await expect(user.getByRole("definition").filter({ hasText: /^2 of 4$/ })).toBeVisible();
  await expect(user.getByRole("definition").filter({ hasText: /^BytePlus ModelArk$/ })).toBeVisible();
});
