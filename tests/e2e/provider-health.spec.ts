import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { e2ePort } from "./support/app-server";
import { generate, setSimulator } from "./support/flows";
import { setUpTeamServer, signUpAt } from "./support/team-server";

// A studio of its own (its own simulator, so no other spec's tasks answer in between): its first
// account is the admin, who watches the Hosts table while the simulator fails creates, then
// status checks, then recovers.
test.describe.configure({ mode: "serial" });

const SIMULATOR_PORT = e2ePort(86);

const team = setUpTeamServer(e2ePort(85), () => ({ SIMULATOR_PORT: String(SIMULATOR_PORT) }));
let studio: Page;
let view: Page;

test.beforeAll(async ({ browser }) => {
  // Two tabs of the admin's: one making images, one on the admin page.
  const context = await browser.newContext();
  studio = await context.newPage();
  await signUpAt(studio, team.base, "admin@hosts.example");
  view = await context.newPage();
});

const ownSimulator = () => ({ port: SIMULATOR_PORT, dataDir: team.dataDir });

const hostRow = (page: Page) =>
  page.getByRole("region", { name: "Hosts" }).getByRole("row", { name: "Host API in One" });

/** The admin page is rendered on the server: read it again until the row says what is expected. */
async function expectHost(expected: { state: string; text: (string | RegExp)[] }) {
  await expect(async () => {
    await view.goto(`${team.base}/admin`);
    const row = hostRow(view);
    await expect(row).toHaveAttribute("data-state", expected.state, { timeout: 1000 });
    for (const text of expected.text) await expect(row).toContainText(text, { timeout: 1000 });
  }).toPass({ timeout: 45_000 });
}

/** Serious or critical axe findings in the Hosts table, in one theme. */
async function hostsFindings(theme: "light" | "dark") {
  await view.emulateMedia({ colorScheme: theme });
  await view.goto(`${team.base}/admin`);
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
  await view.goto(`${team.base}/admin`);
  await expect(view.getByRole("heading", { name: "Hosts", level: 2 })).toBeVisible();
  await expect(hostRow(view)).toContainText("simulated");
  await expect(hostRow(view)).toContainText("No calls yet");

  await setSimulator(request, { create: "server_error" }, ownSimulator());
  await generate(studio, "A lighthouse the host never confirms");
  await generate(studio, "A harbour the host never confirms");
  await setSimulator(request, { create: "key_rejected" }, ownSimulator());
  await generate(studio, "A boat the host refuses");
  await expectHost({
    state: "failing",
    text: [/Failing since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(3 in a row\)/, "key_rejected"],
  });
  await expect(hostRow(view)).toContainText("The image service rejected the API key.");
  await expect(hostRow(view)).toContainText("Never");
  // Failing is shown in red: readable in both themes.
  expect([...(await hostsFindings("light")), ...(await hostsFindings("dark"))]).toEqual([]);

  await setSimulator(request, null, ownSimulator());
  await generate(studio, "A gull the host accepts");
  await expectHost({ state: "healthy", text: ["Healthy", "key_rejected"] });
  await expect(hostRow(view)).not.toContainText("Never");
});

test("status checks the host keeps failing show it failing; an answered check heals it", async ({
  request,
}) => {
  test.setTimeout(120_000);
  await setSimulator(request, { status: "server_error" }, ownSimulator());
  // Accepted, then asked about on every poll (with back-off) while it never finishes.
  await studio.goto(team.base);
  await generate(studio, "A kite whose status nobody hears [sim:forever]");
  await expectHost({
    state: "failing",
    text: [/\(\d+ in a row\)/, "upstream_unavailable", "The image service is not answering right now."],
  });

  await setSimulator(request, null, ownSimulator());
  await expectHost({ state: "healthy", text: ["Healthy", "upstream_unavailable"] });
});

test("the Hosts table is the admin's alone", async ({ browser }) => {
  const member = await (await browser.newContext()).newPage();
  await signUpAt(member, team.base, "member@hosts.example");
  const response = await member.goto(`${team.base}/admin`);
  expect(response?.status()).toBe(404);
  await expect(member.getByRole("heading", { name: "Hosts" })).toHaveCount(0);
});
