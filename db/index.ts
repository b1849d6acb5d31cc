import "server-only";
import path from "node:path";
import { env } from "@/lib/config/env";
import { type DatabaseHandle, type Db, openDatabase } from "./client";

export type { Db } from "./client";

// One handle per process: Next loads route and page bundles separately, so a module-level
// variable would open PGlite twice. A rejected open is not kept, so the next call tries again.
const globalForDb = globalThis as typeof globalThis & { __seedreamDb?: Promise<DatabaseHandle> };

export function getDatabase(): Promise<DatabaseHandle> {
  if (!globalForDb.__seedreamDb) {
    const { DATABASE_URL, DATABASE_LISTEN_URL, DATA_DIR } = env();
    const opening = openDatabase(
      DATABASE_URL
        ? { databaseUrl: DATABASE_URL, listenUrl: DATABASE_LISTEN_URL }
        : { pgliteDir: path.join(DATA_DIR, "pglite") },
    );
    globalForDb.__seedreamDb = opening;
    opening.catch(() => {
      if (globalForDb.__seedreamDb === opening) globalForDb.__seedreamDb = undefined;
    });
  }
  return globalForDb.__seedreamDb;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}
