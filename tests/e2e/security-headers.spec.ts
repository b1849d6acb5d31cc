import { randomUUID } from "node:crypto";
import { type APIResponse, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { E2E_PORT, e2ePort } from "./support/app-server";
import { resultImage, signUp } from "./support/flows";
import { pickFiles, solidImage, uploadsSettled } from "./support/references";
import { shareFromImagePage } from "./support/shares";

// Findings 4 and 5 of the security review: one header policy on every page and route response,
// and no session cookie on anything a shared cache could keep.

const ROUTE_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

function expectFixedHeaders(response: APIResponse, url: string) {
  expect(response.headers()["referrer-policy"], url).toBe("same-origin");
  expect(response.headers()["x-content-type-options"], url).toBe("nosniff");
  expect(response.headers()["x-frame-options"], url).toBe("DENY");
}

/** The nonce of a page's CSP, after checking the policy's shape. */
function pageNonce(response: APIResponse, url: string): string {
  const policy = response.headers()["content-security-policy"] ?? "";
  const directive = (name: string) =>
    policy
      .split(";")
      .map((part) => part.trim())
      .find((part) => part.startsWith(`${name} `));
  const scripts = directive("script-src") ?? "";
  expect(scripts, url).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'$/);
  expect(policy, url).not.toContain("unsafe-eval");
  expect(directive("frame-ancestors"), url).toBe("frame-ancestors 'none'");
  expect(directive("img-src"), url).toBe("img-src 'self' data: blob:");
  expect(directive("connect-src"), url).toBe("connect-src 'self'");
  expectFixedHeaders(response, url);
  return /'nonce-([^']+)'/.exec(scripts)?.[1] ?? "";
}

async function sharedImage(page: Page) {
  await signUp(page);
  const prompt = `Headers everywhere ${randomUUID()} [sim:durationMs=50]`;
  const { shareUrl, generationUrl } = await shareFromImagePage(page, prompt, { showPrompt: false });
  await page.goto("/");
  const thumbnail = (await (await resultImage(page, prompt)).getAttribute("src")) ?? "";
  return { shareUrl, generationUrl, thumbnail };
}

test("every page has a per-request nonce CSP and the fixed headers; every route a CSP that allows nothing", async ({
  page,
}) => {
  const { shareUrl, generationUrl, thumbnail } = await sharedImage(page);
  const pages = ["/", "/gallery", "/shares", "/account", generationUrl, "/sign-in", "/sign-up", shareUrl];
  for (const url of [...pages, "/no-such-page", `/s/${"x".repeat(43)}`]) {
    const first = await page.request.get(url);
    const nonce = pageNonce(first, url);
    // The nonce is on the page's own scripts, and new for every request.
    expect(await first.text(), url).toContain(`nonce="${nonce}"`);
    expect(pageNonce(await page.request.get(url), url), url).not.toBe(nonce);
  }
  const routes = [
    "/api/health",
    "/api/gallery",
    `/api/generations/${randomUUID()}`,
    thumbnail,
    `/media/${randomUUID()}/original`,
    `${shareUrl}/image`,
    `${shareUrl}/preview`,
    `/s/${"x".repeat(43)}/image`,
    "/api/auth/session",
  ];
  for (const url of routes) {
    const response = await page.request.get(url);
    expect(response.headers()["content-security-policy"], url).toBe(ROUTE_POLICY);
    expectFixedHeaders(response, url);
  }
});

test("a signed-in page cannot be framed, not even by a page of the same site", async ({ page }) => {
  await signUp(page);
  // Another port of localhost (its own offset; Playwright answers it, nothing listens there): another
  // origin, but the same site, so the session cookie would go along.
  const framer = `http://localhost:${e2ePort(97)}/frame`;
  await page.route(framer, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><title>framer</title><iframe src="http://localhost:${E2E_PORT}/gallery"></iframe>`,
    }),
  );
  await page.goto(framer);
  // Chromium replaces a frame its CSP refuses with an error page; the gallery never renders there.
  const child = () => page.frames().find((candidate) => candidate !== page.mainFrame());
  await expect.poll(() => child()?.url()).toBe("chrome-error://chromewebdata/");
});

const setCookies = (response: APIResponse) =>
  response
    .headersArray()
    .filter(({ name }) => name.toLowerCase() === "set-cookie")
    .map(({ value }) => value.split("=")[0]);

test("no response but signing in and out sets a cookie, even for a signed-in browser; auth pages are private, no-store", async ({
  page,
}) => {
  const { shareUrl, thumbnail } = await sharedImage(page);
  const urls = [
    "/sign-in",
    "/sign-up",
    `/invite/${"y".repeat(43)}`,
    shareUrl,
    `${shareUrl}/image`,
    `${shareUrl}/preview`,
    "/icon.svg",
    "/api/health",
    "/",
    "/gallery",
    "/api/gallery",
    thumbnail,
  ];
  for (const url of urls) {
    const response = await page.request.get(url);
    expect(response.status(), url).toBe(200);
    expect(setCookies(response), url).toEqual([]);
  }
  for (const url of ["/sign-in", "/sign-up", `/invite/${"y".repeat(43)}`, "/"]) {
    const cacheControl = (await page.request.get(url)).headers()["cache-control"] ?? "";
    expect(cacheControl, url).toContain("private");
    expect(cacheControl, url).toContain("no-store");
  }
  // A signed-out visitor sent to sign in gets no cookie either.
  const redirect = await page.request.get("/gallery", { headers: { cookie: "" }, maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expect(setCookies(redirect)).toEqual([]);
});

/** Every CSP complaint the browser makes on this context's pages: console errors and violation events. */
async function watchPolicyViolations(context: BrowserContext): Promise<string[]> {
  const seen: string[] = [];
  await context.exposeFunction("reportPolicyViolation", (text: string) => seen.push(text));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { reportPolicyViolation: (text: string) => void })
        .reportPolicyViolation;
      report(`${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
  context.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) seen.push(message.text());
  });
  return seen;
}

test("a whole visit runs under the CSP without a single violation", async ({ page, browser }) => {
  const violations = await watchPolicyViolations(page.context());
  await signUp(page);
  // The tray shows a blob: preview while the file uploads, then the stored thumbnail.
  await pickFiles(page, [await solidImage("red.png", "#cc2222")]);
  await uploadsSettled(page);
  await page.getByRole("button", { name: "Remove image 1" }).click();
  const prompt = `Under the policy ${randomUUID()} [sim:durationMs=50]`;
  const { shareUrl } = await shareFromImagePage(page, prompt, { showPrompt: true });
  await page.goto("/gallery");
  await expect(page.getByRole("img", { name: prompt }).first()).toBeVisible();
  await page.goto("/shares");
  await page.goto("/account");

  const visitor = await browser.newContext();
  const guestViolations = await watchPolicyViolations(visitor);
  const guest = await visitor.newPage();
  await guest.goto(shareUrl);
  await expect
    .poll(() =>
      guest
        .getByRole("img")
        .first()
        .evaluate((img: HTMLImageElement) => img.naturalWidth),
    )
    .toBeGreaterThan(0);
  await guest.goto("/sign-in");
  await visitor.close();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  expect([...violations, ...guestViolations]).toEqual([]);
});
