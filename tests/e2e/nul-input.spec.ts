import path from "node:path";
import { expect, type Locator, test } from "@playwright/test";
import { e2ePort, startAppServer } from "./support/app-server";
import { PASSWORD } from "./support/flows";

/** Sets a field's value as a paste would, NUL included (typing cannot enter one). */
async function setValue(field: Locator, value: string) {
  await field.evaluate((element, text) => {
    const input = element as HTMLInputElement | HTMLTextAreaElement;
    Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), "value")?.set?.call(input, text);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }, value);
  expect(await field.inputValue()).toContain("\u0000");
}

test("a NUL in a prompt, a search or a sign-up name is refused or dropped, and never puts secrets in the server's log", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const server = await startAppServer({
    port: e2ePort(14),
    dataDir: path.resolve(`tests/.tmp/nul-${Date.now()}`),
  });
  const nulNameEmail = `nul-name-${Date.now()}@example.com`;
  const email = `nul-${Date.now()}@example.com`;
  const marker = "prompt-marker-7c1e";
  try {
    // A sign-up whose name holds a NUL: whatever the page says, the log gets no email and no hash.
    await page.goto(`${server.url}/sign-up`);
    await setValue(page.getByLabel("Name"), "Nul\u0000Name");
    await page.getByLabel("Email").fill(nulNameEmail);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Remove the control characters from the name.")).toBeVisible();

    await page.goto(`${server.url}/sign-up`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("heading", { name: "Recent results" })).toBeVisible();

    await setValue(page.getByLabel("Prompt"), `A fox ${marker} in\u0000 the snow`);
    await page.getByRole("button", { name: "Generate" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "NUL" })).toContainText(
      "The prompt contains an invisible NUL character",
    );
    await expect(page.getByRole("article")).toHaveCount(0);

    // A search carries the NUL to the server in the URL: the route wrapper refuses it with a
    // message before any query runs; the gallery page drops it and still renders.
    const search = await page.request.get(`${server.url}/api/gallery?q=fox%00`);
    expect(search.status()).toBe(400);
    expect(await search.json()).toMatchObject({ error: { code: "invalid_input" } });
    const galleryPage = await page.goto(`${server.url}/gallery?q=%00`);
    expect(galleryPage?.status()).toBe(200);
  } finally {
    await server.stop();
  }
  const output = server.output();
  for (const secret of [nulNameEmail, email, "$argon2", marker, "params:", "Failed query"]) {
    expect(output, `server output holds ${secret}`).not.toContain(secret);
  }
  expect(output).not.toMatch(/Internal Server Error|status=500/);
});
