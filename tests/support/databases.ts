import { inject } from "vitest";
import { type DatabaseHandle, openDatabase } from "@/db/client";
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
