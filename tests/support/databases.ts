import { afterAll, beforeAll, inject } from "vitest";
import { type DatabaseHandle, type Db, openDatabase } from "@/db/client";
import { freshPostgresDatabase } from "./postgres-server";

export interface DatabaseCase {
  name: string;
  open(): Promise<DatabaseHandle>;
}

/** PGlite in memory always; PostgreSQL when the global setup provided one. */
export function databaseCases(): DatabaseCase[] {
  const cases: DatabaseCase[] = [{ name: "pglite", open: () => openDatabase({ memory: true }) }];
  const postgresUrl = inject("postgresUrl");
  if (postgresUrl) {
    cases.push({
      name: "postgres",
      open: async () => openDatabase({ databaseUrl: await freshPostgresDatabase(postgresUrl) }),
    });
  }
  return cases;
}

/** Opens the case's database before a `describe` block's tests and closes it after them. */
export function setUpDatabase({ open }: Pick<DatabaseCase, "open">): { readonly db: Db } {
  let handle: DatabaseHandle | undefined;
  beforeAll(async () => {
    handle = await open();
  });
  afterAll(() => handle?.close());
  return {
    get db() {
      if (!handle) throw new Error("the database is used outside its describe block's tests");
      return handle.db;
    },
  };
}
