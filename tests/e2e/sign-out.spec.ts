import { expect, test } from "@playwright/test";
import { signUp } from "./support/flows";

// What the header's button is responsible for: it runs the (wrapped) sign-out action, which clears
// the session cookie (and deletes the session's row), and lands on the sign-in page.
test("the header's Sign out clears the session cookie and lands on the sign-in page", async ({ page }) => {
  await signUp(page);
  const signOut = page.waitForResponse((response) => response.request().method() === "POST");
  await page.getByRole("button", { name: "Sign out" }).click();
  const cookies = (await (await signOut).headersArray())
    .filter(({ name }) => name.toLowerCase() === "set-cookie")
    .map(({ value }) => value);
  // The proxy never re-issues a cookie: the only session cookie on this response is the cleared one.
  expect(cookies.filter((cookie) => cookie.startsWith("authjs.session-token="))).toHaveLength(1);
  expect(cookies.filter((cookie) => cookie.startsWith("authjs.session-token=")).at(-1)).toMatch(
    /^authjs\.session-token=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i,
  );
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});
