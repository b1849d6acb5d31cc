import { expect, test } from "@playwright/test";
import { E2E_SIMULATOR_PORT, simulatorControlHeaders } from "./support/app-server";
import { generate, signUp } from "./support/flows";

// Each task's status endpoint misbehaves through a directive in its prompt, so no shared state.
// The bounds: checks back off 2 s, 4 s, 8 s …, a quick blip (5xx, garbage) is tried once more at
// once, a 429 is not, and a hanging check holds every other check off until its 15 s timeout.
// Polling at the browser's pace without back-off made dozens of calls in the same window.
const cases = [
  { mode: "rate_limited", maxCalls: 5 },
  { mode: "server_error", maxCalls: 9 },
  { mode: "garbage", maxCalls: 9 },
  { mode: "hang", maxCalls: 3 },
] as const;

const WINDOW_MS = 25_000;

test("a failing status endpoint is asked a few times, not every second, and the card says so", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  await signUp(page);
  const started = Date.now();
  const cards = [];
  for (const { mode } of cases) {
    const prompt = `A task whose status answers ${mode} [sim:status=${mode}]`;
    cards.push({ mode, prompt, card: await generate(page, prompt) });
  }

  for (const { mode, card } of cards) {
    const notice = card.getByTestId("retry-notice");
    // A hanging check is only known to have failed once it times out (15 s).
    await expect(notice, mode).toContainText("The upstream is not answering status checks; retrying.", {
      timeout: 30_000,
    });
    await expect(notice, mode).toHaveText(/Since \d+ (s|min)\.$/);
    await expect(card).toHaveAttribute("data-status", "running");
  }

  await page.waitForTimeout(Math.max(0, started + WINDOW_MS - Date.now()));
  const response = await request.get(`http://127.0.0.1:${E2E_SIMULATOR_PORT}/__sim/tasks`, {
    headers: await simulatorControlHeaders(),
  });
  const tasks = (await response.json()) as { prompt: string; statusCalls: number }[];
  for (const { mode, prompt } of cards) {
    const calls = tasks.find((task) => task.prompt === prompt)?.statusCalls ?? -1;
    const { maxCalls } = cases.find((c) => c.mode === mode) ?? { maxCalls: 0 };
    expect(calls, `${mode}: status calls in ${WINDOW_MS / 1000} s`).toBeGreaterThanOrEqual(1);
    expect(calls, `${mode}: status calls in ${WINDOW_MS / 1000} s`).toBeLessThanOrEqual(maxCalls);
  }
});
