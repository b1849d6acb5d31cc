import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import { expect, type Request, test } from "@playwright/test";
import { type AppServer, e2ePort, startAppServer } from "./support/app-server";
import {
  attachServerOutputOnFailure,
  signUpAt,
  startTeamServer,
  type TeamServer,
} from "./support/team-server";

// Two app instances on one PostgreSQL, as a deployment behind a load balancer runs them: the
// limit is settled in the database, so racing submits through both still fit it exactly.

let team: TeamServer | undefined;
let second: AppServer | undefined;
attachServerOutputOnFailure(() => team);
test.afterAll(async () => {
  await second?.stop();
  await team?.stop();
});

test("simultaneous submits through two instances accept exactly what the limit leaves", async ({ page }) => {
  test.setTimeout(180_000);
  const room = 5;
  // Both instances must read each other's session cookies: one secret, one limit.
  const shared = { AUTH_SECRET: randomBytes(32).toString("base64url"), USER_DAILY_IMAGES: String(room + 1) };
  team = await startTeamServer(e2ePort(44), shared);
  second = await startAppServer({
    port: e2ePort(45),
    dataDir: path.resolve(`tests/.tmp/second-${e2ePort(45)}-${Date.now()}`),
    databaseUrl: team.databaseUrl,
    env: shared,
  });
  const bases = [team.app.url, second.url];
  await signUpAt(page, team.app.url, "racer@two.example");

  // One real submit from the composer shows what its server action request looks like.
  const sent = page.waitForRequest((r: Request) => r.method() === "POST" && "next-action" in r.headers());
  await page.getByLabel("Prompt").fill("The composer's own submit");
  await page.getByRole("button", { name: "Generate" }).click();
  const template = await sent;
  await expect(page.getByRole("article", { name: "Generation: The composer's own submit" })).toBeVisible();
  const [input] = JSON.parse(template.postData() ?? "[]") as [Record<string, unknown>];
  expect(input).toHaveProperty("idempotencyKey");

  // Twenty submits at once, alternating between the instances, each its own intended image.
  const answers = await Promise.all(
    Array.from({ length: 20 }, async (_, i) => {
      const base = bases[i % 2] ?? "";
      const response = await page.request.post(`${base}/`, {
        headers: {
          ...template.headers(),
          origin: base,
          referer: `${base}/`,
        },
        data: JSON.stringify([{ ...input, prompt: `Racing fox ${i}`, idempotencyKey: randomUUID() }]),
      });
      return { base, status: response.status(), body: await response.text() };
    }),
  );
  for (const answer of answers) expect(answer.status).toBe(200);
  const accepted = answers.filter((a) => a.body.includes('"ok":true'));
  const refused = answers.filter((a) => a.body.includes("Daily limit reached: 6 of 6 images."));
  expect(accepted).toHaveLength(room);
  expect(refused).toHaveLength(20 - room);
  // Both instances answered, and the database holds exactly the limit.
  expect(new Set(answers.map((a) => a.base)).size).toBe(2);
  const rows = await team.sql`
    select count(*)::int as n from generations g join users u on u.id = g.user_id
    where u.email = 'racer@two.example'`;
  expect(rows[0]?.n).toBe(room + 1);
  const counter =
    await team.sql`select images from usage_counters where scope like 'user:%' and period ~ '^\\d{4}-\\d{2}-\\d{2}$'`;
  expect(counter[0]?.images).toBe(room + 1);
});
