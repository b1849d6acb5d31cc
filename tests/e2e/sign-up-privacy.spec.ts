import { expect, test } from "@playwright/test";
import { PASSWORD, signUp } from "./support/flows";

// Finding 13 of the security review: sign-up said "An account with this email already exists".

test("signing up with a registered email gets a generic refusal that confirms nothing, and no field error", async ({
  page,
  browser,
}) => {
  const email = await signUp(page);
  const visitor = await browser.newContext();
  const guest = await visitor.newPage();
  await guest.goto("/sign-up");
  await guest.getByLabel("Email").fill(email.toUpperCase());
  await guest.getByLabel("Password").fill(`${PASSWORD} too`);
  await guest.getByRole("button", { name: "Create account" }).click();
  await expect(guest.getByRole("main").getByRole("alert")).toHaveText(
    "Could not create an account with these details. If you already have one, sign in.",
  );
  await expect(guest.getByLabel("Email")).toHaveAttribute("aria-invalid", "false");
  await expect(guest.getByLabel("Email")).toHaveValue(email);
  expect(await guest.locator("main").textContent()).not.toMatch(/already exists|registered|taken/i);
  await visitor.close();
});
