import { type APIRequestContext, type Browser, expect, type Page, test } from "@playwright/test";
import { e2ePort, simulatorControlHeaders } from "./support/app-server";
import { generate, resultImage, setSimulator } from "./support/flows";
import { setUpTeamServer, signUpAt } from "./support/team-server";

// One studio with a daily limit of 2 images per user, on its own PostgreSQL and simulator, for the
// whole file: its first account is the admin, the second a user whose spending the tests follow.
test.describe.configure({ mode: "serial" });

const SIMULATOR_PORT = e2ePort(41);
const ADMIN = "admin@spending.example";
const USER = "user@spending.example";

const team = setUpTeamServer(e2ePort(40), () => ({
  USER_DAILY_IMAGES: "2",
  SIMULATOR_PORT: String(SIMULATOR_PORT),
}));
let admin: Page;
let user: Page;

test.beforeAll(async ({ browser }) => {
  admin = await freshPage(browser);
  await signUpAt(admin, team.base, ADMIN);
  user = await freshPage(browser);
  await signUpAt(user, team.base, USER);
});

async function freshPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

const ownSimulator = () => ({ port: SIMULATOR_PORT, dataDir: team.dataDir });

/** Every create that reached the upstream, by prompt. */
async function creates(request: APIRequestContext, prompt: string): Promise<number> {
  const response = await request.get(`http://127.0.0.1:${SIMULATOR_PORT}/__sim/tasks`, {
    headers: await simulatorControlHeaders(team.dataDir),
  });
  expect(response.ok()).toBe(true);
  const tasks = (await response.json()) as { prompt: string }[];
  return tasks.filter((task) => task.prompt === prompt).length;
}

const allowance = (page: Page) => page.getByRole("region", { name: "Cost and allowance" });

async function setDailyLimit(value: "unlimited" | number) {
  await admin.goto(`${team.base}/admin/usage`);
  const row = admin.getByRole("row", { name: `Usage of ${USER}` });
  const kind = row.getByLabel(`Images per day for ${USER}`, { exact: true });
  await kind.selectOption(value === "unlimited" ? "unlimited" : "custom");
  if (value !== "unlimited") await row.getByLabel(`Images per day for ${USER}: images`).fill(String(value));
  await row.getByRole("button", { name: "Save limits" }).click();
  await expect(row.getByRole("button", { name: "Save limits" })).toBeDisabled();
}

test("the composer shows what a click costs and what is left today", async () => {
  await user.goto(team.base);
  await expect(allowance(user)).toContainText("This image: 12 credits");
  await expect(allowance(user)).toContainText("2 of 2 images left today");
  await expect(allowance(user)).toContainText("0 credits used this month, no monthly limit");
  await expect(
    user.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Usage" }),
  ).toBeVisible();
});

test("at the daily limit the submit is refused with the reset time, and nothing goes upstream", async ({
  request,
}) => {
  await generate(user, "First fox of the day [sim:durationMs=300]");
  await expect(allowance(user)).toContainText("1 of 2 images left today");
  await generate(user, "Second fox of the day [sim:durationMs=300]");
  await expect(allowance(user)).toContainText("0 of 2 images left today");

  const third = "Third fox, one too many [sim:durationMs=300]";
  await user.getByLabel("Prompt").fill(third);
  await user.getByRole("button", { name: "Generate" }).click();
  await expect(user.locator("#prompt-error")).toHaveText(
    /^Daily limit reached: 2 of 2 images\. Resets at 00:00 UTC, in (\d+ h )?\d+ min\.$/,
  );
  await expect(user.getByRole("article", { name: `Generation: ${third}` })).toHaveCount(0);
  // The create would go out right after the response: give it the time it would take.
  await user.waitForTimeout(1000);
  expect(await creates(request, third)).toBe(0);
  expect(await creates(request, "First fox of the day [sim:durationMs=300]")).toBe(1);
  const held = await team.sql`select count(*)::int as n from generations where prompt = ${third}`;
  expect(held[0]?.n).toBe(0);
});

test("an admin raises the limit and the user submits again without reloading", async ({ request }) => {
  await setDailyLimit(4);
  await admin.goto(`${team.base}/admin/audit`);
  await expect(admin.getByRole("row", { name: /limits changed/ }).first()).toContainText(
    "images per day: default (2) → 4",
  );

  // The refused prompt is still in the composer: the same click again, no reload.
  const third = "Third fox, one too many [sim:durationMs=300]";
  await expect(user.getByLabel("Prompt")).toHaveValue(third);
  await user.getByRole("button", { name: "Generate" }).click();
  await expect(user.getByRole("article", { name: `Generation: ${third}` })).toBeVisible();
  await expect(allowance(user)).toContainText("1 of 4 images left today");
  await expect.poll(() => creates(request, third)).toBe(1);
});

test("a content-filtered (failed) task gives its hold back", async () => {
  const filtered = "A fox the filter refuses [sim:outcome=fail,durationMs=1500]";
  const card = await generate(user, filtered);
  await expect(allowance(user)).toContainText("0 of 4 images left today");
  await expect(card).toHaveAttribute("data-status", "failed");
  await expect(allowance(user)).toContainText("1 of 4 images left today");

  await user.goto(`${team.base}/usage`);
  const ledger = user.getByRole("region", { name: "Ledger" });
  await expect(ledger.getByRole("row", { name: /Released \(not charged\)/ })).toContainText(filtered);
  await expect(ledger.getByRole("row", { name: /Charged \(the upstream made it\)/ }).first()).toBeVisible();
  await expect(
    user.getByRole("img", { name: /Images per day over the last 30 days, 3 in all/ }),
  ).toBeVisible();
});

test("out of credits upstream: banners for admin and user, submissions stop, an admin resumes them", async ({
  request,
}) => {
  await user.goto(team.base);
  await setSimulator(request, { create: "out_of_credits" }, ownSimulator());
  const card = await generate(user, "A fox with no credits behind it");
  await expect(card.getByRole("alert")).toContainText("out of credits");
  await expect(user.getByRole("status").filter({ hasText: "The studio's credits are used up." })).toHaveText(
    "The studio's credits are used up. Ask your admin.",
  );
  // Its hold was given back, like any create the upstream refused.
  await expect(allowance(user)).toContainText("1 of 4 images left today");

  // Stopped at our side: nothing more reaches the upstream.
  await setSimulator(request, null, ownSimulator());
  const stopped = "A fox while the credits are out";
  await user.getByLabel("Prompt").fill(stopped);
  await user.getByRole("button", { name: "Generate" }).click();
  await expect(user.locator("#prompt-error")).toHaveText("The studio's credits are used up. Ask your admin.");
  expect(await creates(request, stopped)).toBe(0);

  await admin.goto(`${team.base}/admin`);
  const banner = admin.getByRole("alert").filter({ hasText: "The API in One account needs credits." });
  await expect(banner).toBeVisible();
  await banner.getByRole("button", { name: "Resume submissions" }).click();
  await expect(banner).toHaveCount(0);

  await user.reload();
  await expect(user.getByText("The studio's credits are used up.")).toHaveCount(0);
  await generate(user, stopped);
  await resultImage(user, stopped);
  await expect(allowance(user)).toContainText("0 of 4 images left today");
});

test("an outcome that never settles shows as possibly charged until an admin settles it", async () => {
  await setDailyLimit("unlimited");
  await user.goto(team.base);
  await expect(allowance(user)).toContainText("4 images today, no daily limit");
  const lost = "A fox the upstream never finishes [sim:outcome=forever]";
  await generate(user, lost);
  // Fifteen minutes later, as far as the sweep can tell.
  await team.sql`update generations set created_at = now() - interval '16 minutes' where prompt = ${lost}`;
  const row = admin.getByRole("row", { name: `Possibly charged: ${lost}` });
  await expect(async () => {
    await admin.goto(`${team.base}/admin/usage`);
    await expect(row).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(row).toContainText("timed out");
  await expect(admin.getByRole("row", { name: `Usage of ${USER}` })).toContainText("5");

  await row.getByRole("button", { name: "Release" }).click();
  await expect(row).toHaveCount(0);
  await user.goto(`${team.base}/usage`);
  await expect(user.getByRole("row", { name: /Released by an admin/ })).toContainText(lost);
});
