import { randomBytes } from "node:crypto";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { e2ePort } from "./support/app-server";
import { generate, PASSWORD } from "./support/flows";
import { createInvitation, setUpTeamServer, signInAt, signUpAt } from "./support/team-server";

// One invite-only studio on its own PostgreSQL for the whole file: its first account is the admin.
test.describe.configure({ mode: "serial" });

const team = setUpTeamServer(e2ePort(10), () => ({ SIGNUP_MODE: "invite" }));
const ADMIN = "admin@team.example";
const MEMBER = "member@team.example";

async function freshPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

const userCount = async (email: string) =>
  Number((await team.sql`select count(*)::int as n from users where email = ${email}`)[0]?.n);

test("the first account on localhost becomes the admin, with no setup code", async ({ page }) => {
  expect(team.app.output()).toContain("the first account created");
  expect(team.app.output()).not.toContain("setup code");
  await signUpAt(page, team.base, ADMIN);
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }),
  ).toBeVisible();
  await page.goto(`${team.base}/admin`);
  await expect(page.getByText("Sign-up mode: invite")).toBeVisible();
});

test("invite mode refuses a sign-up without a link and creates no row", async ({ browser }) => {
  const visitor = await freshPage(browser);
  await visitor.goto(`${team.base}/sign-up`);
  await expect(
    visitor.getByText("This studio is invite-only. Ask an admin for an invitation link"),
  ).toBeVisible();
  await expect(visitor.getByRole("button", { name: "Create account" })).toHaveCount(0);
  await visitor.goto(`${team.base}/invite/${randomBytes(32).toString("base64url")}`);
  await expect(visitor.getByRole("main").getByRole("alert")).toContainText(
    "This invitation link is not valid",
  );
  await expect(visitor.getByRole("button", { name: "Create account" })).toHaveCount(0);
  expect(Number((await team.sql`select count(*)::int as n from users`)[0]?.n)).toBe(1);
  await visitor.context().close();
});

test("an invitation makes one account; used, revoked, expired and forged links are refused in words", async ({
  page,
  browser,
}) => {
  await signInAt(page, team.base, ADMIN);
  const link = await createInvitation(page, team.base, { uses: 1 });

  const invited = await freshPage(browser);
  await invited.goto(link);
  await invited.getByLabel("Email").fill(MEMBER);
  await invited.getByLabel("Password").fill(PASSWORD);
  await invited.getByRole("button", { name: "Create account" }).click();
  await expect(invited.getByRole("heading", { name: "Recent results" })).toBeVisible();
  await expect(invited.getByRole("link", { name: "Admin" })).toHaveCount(0);
  await invited.context().close();

  const late = await freshPage(browser);
  await late.goto(link);
  await expect(late.getByRole("main").getByRole("alert")).toContainText(
    "This invitation has already been used",
  );

  await page.goto(`${team.base}/admin/invitations`);
  const used = page.getByRole("listitem").filter({ hasText: `Redeemed by ${MEMBER}` });
  await expect(used).toContainText("0 of 1 uses left");
  await expect(used).toContainText("used up");

  // Revoked: the admin turns a fresh link off before anyone uses it.
  const revoked = await createInvitation(page, team.base, { uses: 3 });
  await page.reload();
  const row = page.getByRole("listitem").filter({ hasText: "3 of 3 uses left" }).first();
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "revoked" })).toHaveCount(1);
  await late.goto(revoked);
  await expect(late.getByRole("main").getByRole("alert")).toContainText(
    "This invitation was turned off by an admin",
  );

  // Expired: its time is moved into the past in the database.
  const expired = await createInvitation(page, team.base, { uses: 2 });
  await team.sql`update invitations set expires_at = now() - interval '1 minute' where max_uses = 2`;
  await late.goto(expired);
  await expect(late.getByRole("main").getByRole("alert")).toContainText("This invitation has expired");

  // Forged: a valid page whose token is swapped before posting is refused, and nothing is stored.
  const genuine = await createInvitation(page, team.base, { uses: 1, email: "bound@team.example" });
  await late.goto(genuine);
  await expect(late.getByLabel("Email")).toHaveValue("bound@team.example");
  await late.locator('input[name="invitation"]').evaluate((input: HTMLInputElement, token) => {
    input.value = token;
  }, randomBytes(32).toString("base64url"));
  await late.getByLabel("Password").fill(PASSWORD);
  await late.getByRole("button", { name: "Create account" }).click();
  await expect(late.getByRole("main").getByRole("alert")).toContainText("This invitation link is not valid");
  expect(await userCount("bound@team.example")).toBe(0);

  // The genuine link still works for its own email only.
  await late.reload();
  await late.getByLabel("Password").fill(PASSWORD);
  await late.getByRole("button", { name: "Create account" }).click();
  await expect(late.getByRole("heading", { name: "Recent results" })).toBeVisible();
  expect(await userCount("bound@team.example")).toBe(1);
  await late.context().close();
});

test("an invitation used with a registered email gets the generic refusal, and keeps its use", async ({
  page,
  browser,
}) => {
  await signInAt(page, team.base, ADMIN);
  const link = await createInvitation(page, team.base, { uses: 1 });
  const guest = await freshPage(browser);
  await guest.goto(link);
  await guest.getByLabel("Email").fill(MEMBER);
  await guest.getByLabel("Password").fill(PASSWORD);
  await guest.getByRole("button", { name: "Create account" }).click();
  await expect(guest.getByRole("main").getByRole("alert")).toHaveText(
    "Could not create an account with these details. If you already have one, sign in.",
  );
  await expect(guest.getByLabel("Email")).toHaveAttribute("aria-invalid", "false");
  await page.goto(`${team.base}/admin/invitations`);
  await expect(page.getByRole("listitem").filter({ hasText: "1 of 1 uses left" })).toHaveCount(1);
  await guest.context().close();
});

test("sign-out ends the session on the server: the old cookie gets 401 and pages redirect", async ({
  browser,
}) => {
  const member = await freshPage(browser);
  await signInAt(member, team.base, MEMBER);
  const cookies = await member.context().cookies();
  expect((await member.request.get(`${team.base}/api/gallery`)).status()).toBe(200);
  await member.getByRole("button", { name: "Sign out" }).click();
  await expect(member).toHaveURL(/\/sign-in/);

  const replay = await browser.newContext();
  await replay.addCookies(cookies);
  expect((await replay.request.get(`${team.base}/api/gallery`)).status()).toBe(401);
  expect((await replay.request.get(`${team.base}/api/generations/${crypto.randomUUID()}`)).status()).toBe(
    401,
  );
  const page = await replay.newPage();
  for (const path of ["/", "/gallery", "/account"]) {
    await page.goto(`${team.base}${path}`);
    await expect(page).toHaveURL(/\/sign-in/);
  }
  await replay.close();
  await member.context().close();
});

test("a disabled user's open tab is signed out at its next request; enabling lets them back", async ({
  page,
  browser,
}) => {
  const member = await freshPage(browser);
  await signInAt(member, team.base, MEMBER);
  await generate(member, "A slow lighthouse [sim:durationMs=30000]");

  await signInAt(page, team.base, ADMIN);
  await page.goto(`${team.base}/admin`);
  const row = page.getByRole("row", { name: `User ${MEMBER}` });
  await row.getByRole("button", { name: "Disable" }).click();
  await expect(row).toContainText("disabled");

  // The card's next status poll gets 401 and the tab goes to the sign-in page, saying why.
  await expect(member).toHaveURL(/\/sign-in\?error=ended/, { timeout: 20_000 });
  await expect(member.getByText("Your session has ended")).toBeVisible();
  await member.getByLabel("Email").fill(MEMBER);
  await member.getByLabel("Password").fill(PASSWORD);
  await member.getByRole("button", { name: "Sign in" }).click();
  await expect(member.getByRole("main").getByRole("alert")).toContainText("Email or password is incorrect");

  await row.getByRole("button", { name: "Enable" }).click();
  await expect(row).toContainText("active");
  await signInAt(member, team.base, MEMBER);
  // The task kept running while its owner was locked out, and is still there.
  await expect(member.getByRole("article", { name: /A slow lighthouse/ })).toBeVisible();
  await member.context().close();
});

test("the last admin cannot be demoted; a second admin can be made and removed", async ({ page }) => {
  await signInAt(page, team.base, ADMIN);
  await page.goto(`${team.base}/admin`);
  const self = page.getByRole("row", { name: `User ${ADMIN}` });
  await self.getByRole("button", { name: "Make user" }).click();
  await expect(self.getByRole("alert")).toContainText("needs at least one active admin");
  expect((await team.sql`select role from users where email = ${ADMIN}`)[0]?.role).toBe("admin");

  const member = page.getByRole("row", { name: `User ${MEMBER}` });
  await member.getByRole("button", { name: "Make admin" }).click();
  await expect(member.getByRole("cell", { name: "admin", exact: true })).toBeVisible();
  await member.getByRole("button", { name: "Make user" }).click();
  await expect(member.getByRole("cell", { name: "user", exact: true })).toBeVisible();
});

test("a non-admin gets nothing from /admin, and each admin action posted directly is refused", async ({
  page,
  browser,
}) => {
  await signInAt(page, team.base, ADMIN);
  await page.goto(`${team.base}/admin`);
  await page.getByLabel("Email").fill("target@team.example");
  await page.getByLabel("First password").fill(PASSWORD);
  await page.getByRole("button", { name: "Add user" }).click();
  const target = page.getByRole("row", { name: "User target@team.example" });
  await expect(target).toBeVisible();
  await createInvitation(page, team.base, { uses: 5 });
  await page.goto(`${team.base}/admin`);

  // Capture each admin action's request as the admin's browser makes it, without letting it run.
  const captured: { name: string; url: string; headers: Record<string, string>; body: string }[] = [];
  let current = "";
  await page.route("**/*", async (route) => {
    const request = route.request();
    if (request.method() === "POST" && request.headers()["next-action"]) {
      captured.push({
        name: current,
        url: request.url(),
        headers: request.headers(),
        body: request.postData() ?? "",
      });
      await route.abort();
    } else {
      await route.continue();
    }
  });
  const capture = async (name: string, act: () => Promise<void>) => {
    current = name;
    const before = captured.length;
    await act();
    await expect.poll(() => captured.length).toBe(before + 1);
  };
  await capture("make admin", () => target.getByRole("button", { name: "Make admin" }).click());
  await capture("disable", () => target.getByRole("button", { name: "Disable" }).click());
  await capture("delete", async () => {
    await target.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete user" }).click();
  });
  await page.keyboard.press("Escape");
  await page.getByLabel("Email").fill("sneaky@team.example");
  await page.getByLabel("First password").fill(PASSWORD);
  await capture("add user", () => page.getByRole("button", { name: "Add user" }).click());
  await page.goto(`${team.base}/admin/invitations`);
  await capture("create invitation", () =>
    page.getByRole("button", { name: "Create invitation link" }).click(),
  );
  const openInvitation = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("button", { name: "Revoke" }) });
  await capture("revoke invitation", () =>
    openInvitation.first().getByRole("button", { name: "Revoke" }).click(),
  );
  await page.unrouteAll({ behavior: "wait" });
  expect(captured.map((c) => c.name)).toEqual([
    "make admin",
    "disable",
    "delete",
    "add user",
    "create invitation",
    "revoke invitation",
  ]);

  const before = await team.sql`select
      (select count(*)::int from invitations) as invitations,
      (select count(*)::int from invitations where revoked_at is null) as open_invitations,
      (select count(*)::int from users) as users,
      (select role from users where email = 'target@team.example') as role,
      (select disabled_at is not null from users where email = 'target@team.example') as disabled`;

  const member = await freshPage(browser);
  await signInAt(member, team.base, MEMBER);
  await expect(member.getByRole("link", { name: "Admin" })).toHaveCount(0);
  for (const path of ["/admin", "/admin/invitations", "/admin/audit"]) {
    const response = await member.goto(`${team.base}${path}`);
    expect(response?.status(), path).toBe(404);
    await expect(member.getByText("target@team.example")).toHaveCount(0);
  }
  for (const call of captured) {
    const response = await member.request.post(call.url, {
      headers: {
        "next-action": call.headers["next-action"] ?? "",
        "content-type": call.headers["content-type"] ?? "",
      },
      data: call.body,
    });
    expect(await response.text(), call.name).toContain("Only an admin can do that.");
  }
  const after = await team.sql`select
      (select count(*)::int from invitations) as invitations,
      (select count(*)::int from invitations where revoked_at is null) as open_invitations,
      (select count(*)::int from users) as users,
      (select role from users where email = 'target@team.example') as role,
      (select disabled_at is not null from users where email = 'target@team.example') as disabled`;
  expect(after).toEqual(before);
  expect(after[0]?.role).toBe("user");

  // The same request from the admin's session does run: the refusal was about the role.
  const adminCall = captured.find((c) => c.name === "make admin");
  const accepted = await page.request.post(adminCall?.url ?? "", {
    headers: {
      "next-action": adminCall?.headers["next-action"] ?? "",
      "content-type": adminCall?.headers["content-type"] ?? "",
    },
    data: adminCall?.body ?? "",
  });
  expect(await accepted.text()).not.toContain("Only an admin");
  expect((await team.sql`select role from users where email = 'target@team.example'`)[0]?.role).toBe("admin");
  await member.context().close();
});

test("wrong passwords are throttled per account, even the right one waits, and the audit log keeps the address", async ({
  page,
  browser,
}) => {
  // A forged X-Forwarded-For is ignored without TRUST_PROXY: the socket's address is recorded.
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "203.0.113.77" } });
  const guesser = await context.newPage();
  // Each attempt waits for its answer: React resets the form when an action completes.
  const attempt = async (email: string, password: string) => {
    await guesser.getByLabel("Email").fill(email);
    await guesser.getByLabel("Password").fill(password);
    await Promise.all([
      guesser.waitForResponse((response) => response.request().method() === "POST"),
      guesser.getByRole("button", { name: "Sign in" }).click(),
    ]);
    await expect(guesser.getByRole("main").getByRole("alert")).toBeVisible();
  };
  await guesser.goto(`${team.base}/sign-in`);
  for (let n = 1; n <= 5; n++) await attempt(MEMBER, `wrong password ${n}`);
  await expect(guesser.getByRole("main").getByRole("alert")).toContainText("Too many attempts. Try again in");
  await attempt(MEMBER, PASSWORD);
  await expect(guesser.getByRole("main").getByRole("alert")).toContainText("Too many attempts. Try again in");
  await expect(guesser).toHaveURL(/\/sign-in/);

  // An unknown email gets the same answers, so the wait says nothing about who has an account.
  for (let n = 1; n <= 5; n++) await attempt("nobody@team.example", `wrong password ${n}`);
  await expect(guesser.getByRole("main").getByRole("alert")).toContainText("Too many attempts. Try again in");
  await context.close();

  await signInAt(page, team.base, ADMIN);
  await page.goto(`${team.base}/admin/audit`);
  const failure = page
    .getByRole("row")
    .filter({ hasText: "failed to sign in" })
    .filter({ hasText: MEMBER })
    .first();
  await expect(failure).toContainText(/127\.0\.0\.1|::1/);
  await expect(page.getByText("203.0.113.77")).toHaveCount(0);
  for (const event of [
    "signed up",
    "invitation created",
    "invitation redeemed",
    "invitation revoked",
    "user disabled",
    "role changed",
  ]) {
    await expect(page.getByRole("cell", { name: event, exact: true }).first()).toBeVisible();
  }
});
