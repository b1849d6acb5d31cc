import { chromium, expect, test } from "@playwright/test";
import { chromiumExecutable, e2ePort } from "./support/app-server";
import { PASSWORD } from "./support/flows";
import { startTeamServer } from "./support/team-server";

// A studio whose APP_URL is a public name: the browser reaches it through a resolver rule.
const HOST = "studio.example";

test("on a public APP_URL the first admin needs the setup code from the server's log", async () => {
  test.setTimeout(120_000);
  const port = e2ePort(11);
  const origin = `http://${HOST}:${port}`;
  const team = await startTeamServer(port, { APP_URL: origin });
  const browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    args: ["--no-sandbox", `--host-resolver-rules=MAP ${HOST} 127.0.0.1`],
  });
  try {
    const code = /setup code: (\w{4}-\w{4}-\w{4})/.exec(team.app.output())?.[1];
    expect(code).toBeTruthy();
    const page = await browser.newPage();
    await page.goto(`${origin}/sign-up`);
    await expect(page.getByRole("heading", { name: "Set up your studio" })).toBeVisible();
    await page.getByLabel("Setup code").fill("AAAA-BBBB-CCCC");
    await page.getByLabel("Email").fill("first@studio.example");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Enter the setup code printed in the server's log")).toBeVisible();
    expect((await team.sql`select count(*)::int as n from users`)[0]?.n).toBe(0);

    await page.getByLabel("Setup code").fill(code ?? "");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("heading", { name: "Recent results" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Admin" })).toBeVisible();
    expect((await team.sql`select role from users`).map((row) => row.role)).toEqual(["admin"]);

    // Once an admin exists, sign-up follows SIGNUP_MODE and the code is worth nothing.
    const stranger = await browser.newPage();
    await stranger.goto(`${origin}/sign-up`);
    await expect(stranger.getByLabel("Setup code")).toHaveCount(0);
  } finally {
    await browser.close();
    await team.stop();
  }
});
