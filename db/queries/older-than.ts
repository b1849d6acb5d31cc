import { type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

// Compared with the database's clock, so every instance agrees on what "older" means.
export const olderThan = (column: AnyPgColumn, ms: number): SQL =>
  sql`${column} < now() - ${ms} * interval '1 millisecond'`;
