import { expect, type Page, test } from "@playwright/test";
import { OAuth2Server } from "oauth2-mock-server";
import { e2ePort } from "./support/app-server";
import { PASSWORD } from "./support/flows";
import { createInvitation, setUpTeamServer, signInAt, signUpAt } from "./support/team-server";

// A real OIDC provider (oauth2-mock-server) in front of an invite-only studio on its own PostgreSQL.
test.describe.configure({ mode: "serial" });

interface Identity {
  sub: string;
  email: string;
  email_verified: boolean;
  groups?: string[];
  name?: string;
}

let provider: OAuth2Server;
let identity: Identity;
const ADMIN = "owner@acme.example";

test.beforeAll(async () => {
  provider = new OAuth2Server();
  await provider.issuer.keys.generate("RS256");
  await provider.start(e2ePort(30), "localhost");
  // Every token this provider signs carries the identity the current test chose.
  provider.service.on("beforeTokenSigning", (token) => {
    Object.assign(token.payload, identity);
  });
});
test.afterAll(async () => provider?.stop());
const team = setUpTeamServer(e2ePort(12), () => ({
  SIGNUP_MODE: "invite",
  SIGNUP_ALLOWED_DOMAINS: "acme.example",
  AUTH_OIDC_ISSUER: provider.issuer.url ?? "",
  AUTH_OIDC_ID: "seedream-studio",
  AUTH_OIDC_SECRET: "test-client-secret",
  AUTH_OIDC_NAME: "Acme SSO",
  AUTH_OIDC_ADMIN_GROUP: "studio-admins",
}));

async function continueWithSso(page: Page, path = "/sign-in") {
  if (path) await page.goto(`${team.base}${path}`);
  await page.getByRole("button", { name: "Continue with Acme SSO" }).click();
}

const accountsOf = async (email: string) =>
  team.sql`select a.provider, a.provider_account_id from accounts a join users u on u.id = a.user_id where u.email = ${email}`;

test("the studio's admin signs up with a password first", async ({ page }) => {
  await signUpAt(page, team.base, ADMIN);
  await expect(page.getByRole("link", { name: "Admin" })).toBeVisible();
});

test("OIDC sign-in end to end: an allowed verified domain joins, the admin group becomes admin", async ({
  page,
}) => {
  identity = { sub: "alice-1", email: "alice@acme.example", email_verified: true, groups: ["studio-admins"] };
  await continueWithSso(page);
  await expect(page.getByRole("heading", { name: "Recent results" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Admin" })).toBeVisible();
  const [alice] = await team.sql`select role, password_hash from users where email = 'alice@acme.example'`;
  expect(alice).toEqual({ role: "admin", password_hash: null });
  expect(await accountsOf("alice@acme.example")).toEqual([
    { provider: "oidc", provider_account_id: "alice-1" },
  ]);

  // Signing in again finds the same person through the linked identity.
  await page.getByRole("button", { name: "Sign out" }).click();
  await continueWithSso(page);
  await expect(page.getByRole("heading", { name: "Recent results" })).toBeVisible();
  expect(
    (await team.sql`select count(*)::int as n from users where email = 'alice@acme.example'`)[0]?.n,
  ).toBe(1);
});

test("redirect URIs come from APP_URL, whatever Host headers a request claims", async ({ request }) => {
  const csrf = await request.get(`${team.base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await request.post(`${team.base}/api/auth/signin/oidc`, {
    headers: { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
    form: { csrfToken, callbackUrl: "/" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  const location = new URL(response.headers().location ?? "");
  expect(location.origin + location.pathname).toBe(`${provider.issuer.url}/authorize`);
  expect(location.searchParams.get("redirect_uri")).toBe(`${team.base}/api/auth/callback/oidc`);
});

test("an uninvited SSO user outside the allowed domains is refused and no row is made", async ({ page }) => {
  identity = { sub: "mallory-1", email: "mallory@other.example", email_verified: true };
  await continueWithSso(page);
  await expect(page).toHaveURL(/\/sign-in\?error=sso_not_invited/);
  await expect(page.getByRole("status")).toContainText("This studio is invite-only");
  expect(
    (await team.sql`select count(*)::int as n from users where email = 'mallory@other.example'`)[0]?.n,
  ).toBe(0);

  // An unverified email in an allowed domain does not get in either.
  identity = { sub: "eve-1", email: "eve@acme.example", email_verified: false };
  await continueWithSso(page);
  await expect(page).toHaveURL(/error=sso_not_invited/);
  expect((await team.sql`select count(*)::int as n from users where email = 'eve@acme.example'`)[0]?.n).toBe(
    0,
  );
});

test("an unverified SSO email never merges into a password account; the owner links it from their account page", async ({
  page,
  browser,
}) => {
  await signInAt(page, team.base, ADMIN);
  const link = await createInvitation(page, team.base, { uses: 1 });
  const carol = await (await browser.newContext()).newPage();
  await carol.goto(link);
  await carol.getByLabel("Email").fill("carol@elsewhere.example");
  await carol.getByLabel("Password").fill(PASSWORD);
  await carol.getByRole("button", { name: "Create account" }).click();
  await expect(carol.getByRole("heading", { name: "Recent results" })).toBeVisible();
  await carol.getByRole("button", { name: "Sign out" }).click();

  identity = { sub: "carol-sso", email: "carol@elsewhere.example", email_verified: false };
  await continueWithSso(carol);
  await expect(carol).toHaveURL(/error=sso_unverified_email/);
  await expect(carol.getByRole("status")).toContainText("Sign in with your password, then link");
  expect(await accountsOf("carol@elsewhere.example")).toEqual([]);

  await signInAt(carol, team.base, "carol@elsewhere.example");
  await carol.goto(`${team.base}/account`);
  await carol.getByRole("button", { name: "Link Acme SSO" }).click();
  await expect(carol).toHaveURL(`${team.base}/account`);
  await expect(carol.getByText("Password, Acme SSO")).toBeVisible();
  expect(await accountsOf("carol@elsewhere.example")).toEqual([
    { provider: "oidc", provider_account_id: "carol-sso" },
  ]);

  await carol.getByRole("button", { name: "Sign out" }).click();
  await continueWithSso(carol);
  await expect(carol.getByRole("heading", { name: "Recent results" })).toBeVisible();
  expect(
    (await team.sql`select count(*)::int as n from users where email = 'carol@elsewhere.example'`)[0]?.n,
  ).toBe(1);
  await carol.context().close();
});

test("an invitation can be redeemed with single sign-on", async ({ page, browser }) => {
  await signInAt(page, team.base, ADMIN);
  const link = await createInvitation(page, team.base, { uses: 1 });
  identity = { sub: "dave-sso", email: "dave@elsewhere.example", email_verified: false, name: "Dave" };
  const dave = await (await browser.newContext()).newPage();
  await dave.goto(link);
  await continueWithSso(dave, "");
  await expect(dave.getByRole("heading", { name: "Recent results" })).toBeVisible();
  expect(await accountsOf("dave@elsewhere.example")).toEqual([
    { provider: "oidc", provider_account_id: "dave-sso" },
  ]);
  await page.goto(`${team.base}/admin/invitations`);
  await expect(
    page.getByRole("listitem").filter({ hasText: "Redeemed by dave@elsewhere.example" }),
  ).toBeVisible();
  await dave.context().close();
});
