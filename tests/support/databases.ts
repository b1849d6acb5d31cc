import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { inject } from "vitest";
import { type DatabaseHandle, openDatabase } from "@/db/client";

export interface DatabaseCase {
  name: string;
  open(): Promise<DatabaseHandle>;
}

/** A database of its own, so test files running in parallel never see each other's rows. */
async function freshPostgresDatabase(baseUrl: string): Promise<string> {
  const name = `t_${randomBytes(6).toString("hex")}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
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
