import path from "node:path";
import { z } from "zod";
import { allowedHostsSchema } from "@/lib/net/allowed-hosts";

// Empty strings count as unset, so `FOO=` in a shell or .env file falls back to the default.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const envSchema = z.object({
  SEEDREAM_API_KEY: optional(z.string().trim().min(8, "must be an API in One key (aio_…)")),
  SEEDREAM_API_URL: optional(z.url({ protocol: /^https?$/ })).transform((value) =>
    (value ?? "https://apiin.one/api/v1").replace(/\/+$/, ""),
  ),
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")),
  DATA_DIR: optional(z.string()).transform((value) =>
    path.resolve(/*turbopackIgnore: true*/ value ?? "./data"),
  ),
  APP_URL: optional(z.url({ protocol: /^https?$/ })).transform((value) =>
    (value ?? "http://localhost:3000").replace(/\/+$/, ""),
  ),
  AUTH_SECRET: optional(z.string().min(32, "must be at least 32 characters")),
  SIMULATOR_PORT: optional(z.coerce.number().int().min(0).max(65535)).transform((value) => value ?? 0),
  OUTBOUND_ALLOW_HOSTS: optional(allowedHostsSchema).transform((value) => value ?? []),
});

export type Env = z.output<typeof envSchema>;

export class InvalidEnvironmentError extends Error {
  constructor(issues: z.core.$ZodIssue[]) {
    // Name the setting and the rule, never the value: a value may be a secret.
    const lines = issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    super(`Invalid settings:\n${lines.join("\n")}`);
    this.name = "InvalidEnvironmentError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) throw new InvalidEnvironmentError(result.error.issues);
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
