import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { acquireDatabaseLock } from "./pglite-lock";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/**
 * LISTENs on `channel`. `onListen` runs each time listening (re)starts: notifications sent while a
 * connection was down are lost, so a caller resynchronises then. Resolves to a stop function.
 */
export type Listen = (
  channel: string,
  onNotify: (payload: string) => void,
  onListen?: () => void,
) => Promise<() => Promise<void>>;

export interface DatabaseHandle {
  db: Db;
  driver: "pglite" | "postgres";
  listen: Listen;
  close(): Promise<void>;
}

/** `listenUrl`: a direct connection for LISTEN where `databaseUrl` goes through a transaction pooler. */
export type DatabaseTarget =
  | { databaseUrl: string; listenUrl?: string }
  | { pgliteDir: string }
  | { memory: true };

const migrationsFolder = path.join(process.cwd(), "db", "migrations");
// Any constant works; it only has to be the same for every instance of this app.
const MIGRATION_LOCK_ID = 725_104_451;

async function openPostgres(databaseUrl: string, listenUrl = databaseUrl): Promise<DatabaseHandle> {
  // Several app instances may start at once: one migrates while the others wait on the lock.
  const migrator = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await migrator`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    await migratePostgres(drizzlePostgres(migrator), { migrationsFolder });
    await migrator`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
  } finally {
    await migrator.end();
  }
  const client = postgres(databaseUrl, { max: 10, onnotice: () => {} });
  // postgres.js listens on a dedicated connection of its own, reconnecting (and calling onlisten) as needed.
  const listener = listenUrl === databaseUrl ? client : postgres(listenUrl, { max: 1, onnotice: () => {} });
  return {
    db: drizzlePostgres(client, { schema }),
    driver: "postgres",
    listen: async (channel, onNotify, onListen) => {
      const { unlisten } = await listener.listen(channel, onNotify, onListen);
      return unlisten;
    },
    close: async () => {
      await client.end();
      if (listener !== client) await listener.end();
    },
  };
}

async function openPglite(dir: string | null): Promise<DatabaseHandle> {
  let release = () => {};
  if (dir) {
    // Created here rather than by PGlite so that nobody else can read the database files.
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.chmodSync(dir, 0o700);
    release = acquireDatabaseLock(dir);
  }
  try {
    const client = dir ? new PGlite(dir) : new PGlite();
    await client.waitReady;
    const db = drizzlePglite(client, { schema });
    await migratePglite(db, { migrationsFolder });
    return {
      db,
      driver: "pglite",
      // One in-process database: a notification cannot be lost to a dropped connection.
      listen: async (channel, onNotify, onListen) => {
        const unlisten = await client.listen(channel, onNotify);
        onListen?.();
        return unlisten;
      },
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

export function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if ("databaseUrl" in target) return openPostgres(target.databaseUrl, target.listenUrl);
  return openPglite("pgliteDir" in target ? target.pgliteDir : null);
}
