import { expect, type Page, test } from "@playwright/test";
import { E2E_PORT } from "./support/app-server";
import { postChunked } from "./support/raw-post";

// Finding 12 of the security review: a server-action POST whose body is over the 1 MB limit, or whose
// arguments do not parse, was a 500. It is the 4xx it is, in the routes' error shape.

const APP = `http://localhost:${E2E_PORT}`;
const MB = 1024 * 1024;

/** The sign-in form's server-action POST, as the browser sends it. */
async function signInActionPost(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByLabel("Password").fill("not the password");
  const posted = page.waitForRequest(
    (request) => request.method() === "POST" && !!request.headers()["next-action"],
  );
  await page.getByRole("button", { name: "Sign in" }).click();
  const request = await posted;
  return {
    actionId: request.headers()["next-action"] ?? "",
    contentType: request.headers()["content-type"] ?? "",
    body: request.postDataBuffer() ?? Buffer.alloc(0),
  };
}

test("server-action bodies over 1 MB get 413, unreadable ones 400, never a 500", async ({ page }) => {
  const { actionId, contentType, body } = await signInActionPost(page);
  expect(actionId).toMatch(/^[0-9a-f]{40,}$/);
  const post = (body: string | Buffer, contentType = "text/plain;charset=UTF-8") =>
    page.request.post("/sign-in", {
      headers: { "next-action": actionId, "content-type": contentType, origin: APP },
      data: body,
    });

  const tooLarge = await post(`["${"a".repeat(2 * MB)}"]`);
  expect(tooLarge.status()).toBe(413);
  expect((await tooLarge.json()).error).toEqual({
    code: "payload_too_large",
    message: "The request is larger than 1 MB.",
  });
  const streamed = await postChunked(`${APP}/sign-in`, {
    totalBytes: 8 * MB,
    headers: { "next-action": actionId, "content-type": "text/plain;charset=UTF-8", origin: APP },
  });
  expect(streamed.status).toBe(413);

  for (const [body, contentType] of [
    ["not json{", "text/plain;charset=UTF-8"],
    [
      '--b\r\nContent-Disposition: form-data; name="1"\r\n\r\nunterminated',
      "multipart/form-data; boundary=b",
    ],
  ] as const) {
    const unreadable = await post(body, contentType);
    expect(unreadable.status(), body).toBe(400);
    expect((await unreadable.json()).error.code, body).toBe("bad_request");
  }

  // Well-formed arguments still reach the action: a wrong password is its own answer, not the guard's.
  const fine = await post(body, contentType);
  expect(fine.headers()["content-type"]).toContain("text/x-component");
  expect(fine.status()).toBe(200);
});
