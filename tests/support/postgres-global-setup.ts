import type { TestProject } from "vitest/node";
import { startPostgres } from "./postgres-server";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string | null;
  }
}

/**
 * Database tests run on PGlite always, and on PostgreSQL too: TEST_DATABASE_URL if given, else a
 * throwaway server when PostgreSQL is installed. CI sets REQUIRE_POSTGRES_TESTS so that a missing
 * server fails the run instead of skipping those tests.
 */
export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_URL) {
    project.provide("postgresUrl", process.env.TEST_DATABASE_URL);
    return;
  }
  const server = await startPostgres().catch((error: unknown) => {
    console.warn(`Could not start PostgreSQL for tests: ${error instanceof Error ? error.message : error}`);
    return null;
  });
  if (!server && process.env.REQUIRE_POSTGRES_TESTS) {
    throw new Error("REQUIRE_POSTGRES_TESTS is set but no PostgreSQL server could be started.");
  }
  if (!server) console.warn("PostgreSQL is not installed: database tests run on PGlite only.");
  project.provide("postgresUrl", server?.url ?? null);
  return () => server?.stop();
}
