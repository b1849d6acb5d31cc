import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { e2ePort, simulatorControlHeaders } from "./support/app-server";
import { generate } from "./support/flows";
import {
  attachServerOutputOnFailure,
  signUpAt,
  startTeamServer,
  type TeamServer,
} from "./support/team-server";

// A studio of its own (its own simulator, so no other spec's tasks answer in between): its first
// account is the admin, who watches the Hosts table while the simulator fails creates, then
// status checks, then recovers.
test.describe.configure({ mode: "serial" });

const SIMULATOR_PORT = e2ePort(86);

let team: TeamServer;
let base: string;
let studio: Page;
let view: Page;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  team = await startTeamServer(e2ePort(85), { SIMULATOR_PORT: String(SIMULATOR_PORT) });
  base = team.app.url;
  // Two tabs of the admin's: one making images, one on the admin page.
  const context = await browser.newContext();
  studio = await context.newPage();
  await signUpAt(studio, base, "admin@hosts.example");
  view = await context.newPage();
});
attachServerOutputOnFailure(() => team);
test.afterAll(async () => team?.stop());

async function setSimulator(request: APIRequestContext, patch: Record<string, unknown> | null) {
  const url = `http://127.0.0.1:${SIMULATOR_PORT}/__sim/behaviour`;
  const headers = await simulatorControlHeaders(team.dataDir);
  const response = patch
    ? await request.post(url, { data: patch, headers })
    : await request.delete(url, { headers });
  expect(response.ok()).toBe(true);
}

const hostRow = (page: Page) =>
  page.getByRole("region", { name: "Hosts" }).getByRole("row", { name: "Host API in One" });

/** The admin page is rendered on the server: read it again until the row says what is expected. */
async function expectHost(expected: { state: string; text: (string | RegExp)[] }) {
  await expect(async () => {
    await view.goto(`${base}/admin`);
    const row = hostRow(view);
    await expect(row).toHaveAttribute("data-state", expected.state, { timeout: 1000 });
    for (const text of expected.text) await expect(row).toContainText(text, { timeout: 1000 });
  }).toPass({ timeout: 45_000 });
}

/** Serious or critical axe findings in the Hosts table, in one theme. */
async function hostsFindings(theme: "light" | "dark") {
  await view.emulateMedia({ colorScheme: theme });
  await view.goto(`${base}/admin`);
  await expect(view.locator("html")).toHaveClass(theme === "dark" ? /\bdark\b/ : /^(?!.*\bdark\b)/);
  await view.screenshot({ path: test.info().outputPath(`hosts-${theme}.png`), fullPage: true });
  const { violations } = await new AxeBuilder({ page: view }).include("#hosts").analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${theme} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("creates the host keeps refusing show it failing with its last error; an accepted one heals it", async ({
  request,
}) => {
  test.setTimeout(120_000);
  await view.goto(`${base}/admin`);
  await expect(view.getByRole("heading", { name: "Hosts", level: 2 })).toBeVisible();
  await expect(hostRow(view)).toContainText("simulated");
  await expect(hostRow(view)).toContainText("No calls yet");

  await setSimulator(request, { create: "server_error" });
  await generate(studio, "A lighthouse the host never confirms");
  await generate(studio, "A harbour the host never confirms");
  await setSimulator(request, { create: "key_rejected" });
  await generate(studio, "A boat the host refuses");
  await expectHost({
    state: "failing",
    text: [/Failing since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(3 in a row\)/, "key_rejected"],
  });
  await expect(hostRow(view)).toContainText("The image service rejected the API key.");
  await expect(hostRow(view)).toContainText("Never");
  // Failing is shown in red: readable in both themes.
  expect([...(await hostsFindings("light")), ...(await hostsFindings("dark"))]).toEqual([]);

  await setSimulator(request, null);
  await generate(studio, "A gull the host accepts");
  await expectHost({ state: "healthy", text: ["Healthy", "key_rejected"] });
  await expect(hostRow(view)).not.toContainText("Never");
});

test("status checks the host keeps failing show it failing; an answered check heals it", async ({
  request,
}) => {
  test.setTimeout(120_000);
  await setSimulator(request, { status: "server_error" });
  // Accepted, then asked about on every poll (with back-off) while it never finishes.
  await studio.goto(base);
  await generate(studio, "A kite whose status nobody hears [sim:forever]");
  await expectHost({
    state: "failing",
    text: [/\(\d+ in a row\)/, "upstream_unavailable", "The image service is not answering right now."],
  });

  await setSimulator(request, null);
  await expectHost({ state: "healthy", text: ["Healthy", "upstream_unavailable"] });
});

test("the Hosts table is the admin's alone", async ({ browser }) => {
  const member = await (await browser.newContext()).newPage();
  await signUpAt(member, base, "member@hosts.example");
  const response = await member.goto(`${base}/admin`);
  expect(response?.status()).toBe(404);
  await expect(member.getByRole("heading", { name: "Hosts" })).toHaveCount(0);
});
