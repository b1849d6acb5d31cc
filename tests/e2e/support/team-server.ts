import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import postgres from "postgres";
import { startPostgres } from "../../support/postgres-server";
import { type AppServer, startAppServer } from "./app-server";
import { PASSWORD } from "./flows";

export interface TeamServer {
  app: AppServer;
  /** The app's PostgreSQL, for a second instance on the same database. */
  databaseUrl: string;
  /** The app's DATA_DIR, where its simulator's control secret is. */
  dataDir: string;
  /** Direct SQL on the app's database, for what a browser cannot do (moving time forward). */
  sql: postgres.Sql;
  stop(): Promise<void>;
}

/**
 * An app server of its own on a throwaway PostgreSQL, so the first account made here is this
 * server's admin whatever other tests did, and tests can reach into the database.
 */
export async function startTeamServer(port: number, env: Record<string, string> = {}): Promise<TeamServer> {
  const database = await startPostgres();
  if (!database) {
    test.skip(!process.env.REQUIRE_POSTGRES_TESTS, "PostgreSQL is not installed");
    throw new Error("REQUIRE_POSTGRES_TESTS is set but no PostgreSQL server could be started.");
  }
  const dataDir = path.resolve(`tests/.tmp/team-${port}-${Date.now()}`);
  const app = await startAppServer({ port, dataDir, databaseUrl: database.url, env });
  const sql = postgres(database.url, { max: 2, onnotice: () => {} });
  return {
    app,
    databaseUrl: database.url,
    dataDir,
    sql,
    stop: async () => {
      await sql.end();
      await app.stop();
      database.stop();
    },
  };
}

/**
 * One team server for the whole (serial) file: started before its tests, with `env` read then (so it
 * may name what an earlier hook started), its output attached to a failed test, stopped after them.
 */
export function setUpTeamServer(
  port: number,
  env: () => Record<string, string> = () => ({}),
): TeamServer & { readonly base: string } {
  let server: TeamServer | undefined;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    server = await startTeamServer(port, env());
  });
  attachServerOutputOnFailure(() => server);
  test.afterAll(async () => server?.stop());
  const started = () => {
    if (!server) throw new Error("the team server is used before the file's tests run");
    return server;
  };
  return {
    get app() {
      return started().app;
    },
    get databaseUrl() {
      return started().databaseUrl;
    },
    get dataDir() {
      return started().dataDir;
    },
    get sql() {
      return started().sql;
    },
    /** The app's own address, where its pages are. */
    get base() {
      return started().app.url;
    },
    stop: () => started().stop(),
  };
}

/** A failed test carries the server's whole output in its report (the trace keeps it too). */
export function attachServerOutputOnFailure(server: () => TeamServer | undefined): void {
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures a hook needs from this pattern
  test.afterEach(async ({}, testInfo) => {
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach("server output", { body: server()?.app.output() ?? "" });
    }
  });
}

export async function signUpAt(page: Page, baseUrl: string, email: string, password = PASSWORD) {
  await page.goto(`${baseUrl}/sign-up`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Recent results" })).toBeVisible();
}

export async function signInAt(page: Page, baseUrl: string, email: string, password = PASSWORD) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Recent results" })).toBeVisible();
}

/** Creates an invitation on /admin/invitations and returns its link. */
export async function createInvitation(
  page: Page,
  baseUrl: string,
  options: { email?: string; uses?: number; role?: "user" | "admin" } = {},
): Promise<string> {
  await page.goto(`${baseUrl}/admin/invitations`);
  if (options.email) await page.getByLabel("Only for this email").fill(options.email);
  await page.getByLabel("Uses").fill(String(options.uses ?? 1));
  if (options.role) await page.getByLabel("Role").selectOption(options.role);
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const link = await page.getByLabel("Invitation link").inputValue();
  expect(link).toMatch(/\/invite\/[\w-]{43}$/);
  return link;
}
