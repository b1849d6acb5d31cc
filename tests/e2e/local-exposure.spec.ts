import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { e2ePort, simulatorControlHeaders, startAppServer } from "./support/app-server";
import { generate, PASSWORD, resultImage } from "./support/flows";

const modeOf = (target: string) => fs.statSync(target).mode & 0o777;

test("another local user or process can read no data and cannot steer the simulator", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const dataDir = path.resolve(`tests/.tmp/exposure-${Date.now()}`);
  const simulatorPort = e2ePort(16);
  const server = await startAppServer({ port: e2ePort(15), dataDir, simulatorPort });
  const prompt = "A lighthouse nobody else may list [sim:durationMs=300]";
  try {
    await page.goto(`${server.url}/sign-up`);
    await page.getByLabel("Email").fill(`exposure-${Date.now()}@example.com`);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("heading", { name: "Recent results" })).toBeVisible();
    await generate(page, prompt);
    await resultImage(page, prompt);

    const tasks = `http://127.0.0.1:${simulatorPort}/__sim/tasks`;
    const refused = await request.get(tasks);
    expect(refused.status()).toBe(401);
    expect(await refused.text()).not.toContain("lighthouse");
    const changed = await request.post(`http://127.0.0.1:${simulatorPort}/__sim/behaviour`, {
      data: { status: "server_error" },
    });
    expect(changed.status()).toBe(401);
    // The test harness reads the secret the server left for it in the data folder.
    const allowed = await request.get(tasks, { headers: await simulatorControlHeaders(dataDir) });
    expect(await allowed.text()).toContain("lighthouse");
  } finally {
    await server.stop();
  }

  expect(modeOf(dataDir)).toBe(0o700);
  for (const file of ["auth-secret", "simulator-control-secret"]) {
    expect(modeOf(path.join(dataDir, file)), file).toBe(0o600);
  }
  expect(modeOf(path.join(dataDir, "pglite"))).toBe(0o700);
  const media = path.join(dataDir, "media");
  const entries = fs.readdirSync(media, { recursive: true, encoding: "utf8" });
  expect(entries.some((entry) => entry.endsWith("original.jpg"))).toBe(true);
  for (const entry of ["", ...entries]) {
    const full = path.join(media, entry);
    expect(modeOf(full), entry || "media").toBe(fs.statSync(full).isDirectory() ? 0o700 : 0o600);
  }
});
