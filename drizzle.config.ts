import { defineConfig } from "drizzle-kit";

// Only `drizzle-kit generate` uses this: migrations are applied by the server at start-up
// (db/migrate.ts), never by drizzle-kit against a folder a running server holds.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./db/migrations",
});
