import { expect, test } from "@playwright/test";
import { generate, resultImage, setSimulator, signUp } from "./support/flows";

test.afterEach(async ({ request }) => {
  await setSimulator(request, null);
});

test("a failed task shows its error where the person looks, and one click retries it", async ({ page }) => {
  await signUp(page);
  const prompt = "A fox that will fail once [sim:fail_once,durationMs=500]";
  const card = await generate(page, prompt);
  await expect(card.getByRole("alert")).toContainText("Seedream could not make this image");
  await expect(card).toHaveAttribute("data-status", "failed");

  await card.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByRole("article", { name: `Generation: ${prompt}` })).toHaveCount(2);
  await resultImage(page, prompt);
});

test("a create whose outcome is unknown is not resent, and says so", async ({ page, request }) => {
  await signUp(page);
  await setSimulator(request, { create: "server_error" });
  const card = await generate(page, "A create that may or may not have landed");
  await expect(card.getByRole("alert")).toContainText("did not send it again");
  await expect(card.getByRole("button", { name: "Send again (may charge twice)" })).toBeVisible();
});

test("a create whose answer was lost is settled by the upstream's callback", async ({ page, request }) => {
  await signUp(page);
  await setSimulator(request, { create: "accepted_then_error", durationMs: 1500 });
  const prompt = "A create that landed although its answer was lost";
  const card = await generate(page, prompt);
  await expect(card).toHaveAttribute("data-status", "unknown");
  await resultImage(page, prompt);
  await expect(card).toHaveAttribute("data-status", "succeeded");
});
