import path from "node:path";
import { z } from "zod";
import { canonicalTimeZone } from "@/lib/billing/periods";
import { allowedHostsSchema } from "@/lib/net/allowed-hosts";
import { PROVIDER_IDS } from "@/lib/providers/types";

// Empty strings count as unset, so `FOO=` in a shell or .env file falls back to the default.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const booleanSetting = z
  .enum(["true", "false", "1", "0"], "must be true or false")
  .transform((v) => v === "true" || v === "1");

const domainList = z
  .string()
  .transform((value) =>
    value
      .split(",")
      .map((domain) => domain.trim().toLowerCase())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, "must be a comma-separated list of domains")));

// A limit: a whole number of images or credits, 0 included (0 stops that kind of spending).
const limitSetting = z.coerce
  .number("must be a whole number, 0 or more")
  .int("must be a whole number, 0 or more")
  .min(0, "must be a whole number, 0 or more")
  .max(1_000_000_000, "must be at most 1,000,000,000");

const envSchema = z.object({
  SEEDREAM_API_KEY: optional(z.string().trim().min(8, "must be an API in One key (aio_…)")),
  SEEDREAM_API_URL: optional(z.url({ protocol: /^https?$/ })).transform((value) =>
    (value ?? "https://apiin.one/api/v1").replace(/\/+$/, ""),
  ),
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")),
  // A direct connection for LISTEN where DATABASE_URL goes through a transaction pooler (PgBouncer).
  DATABASE_LISTEN_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")),
  DATA_DIR: optional(z.string()).transform((value) =>
    path.resolve(/*turbopackIgnore: true*/ value ?? "./data"),
  ),
  APP_URL: optional(z.url({ protocol: /^https?$/ })).transform((value) =>
    (value ?? "http://localhost:3000").replace(/\/+$/, ""),
  ),
  AUTH_SECRET: optional(z.string().min(32, "must be at least 32 characters")),
  SIMULATOR_PORT: optional(z.coerce.number().int().min(0).max(65535)).transform((value) => value ?? 0),
  // Unset: open while the bundled simulator is in use, invite-only once a real key spends money.
  SIGNUP_MODE: optional(z.enum(["open", "invite", "closed"], "must be open, invite or closed")),
  SIGNUP_ALLOWED_DOMAINS: optional(domainList).transform((value) => value ?? []),
  AUTH_PASSWORD_LOGIN: optional(booleanSetting).transform((value) => value ?? true),
  AUTH_OIDC_ISSUER: optional(z.url({ protocol: /^https?$/ })),
  AUTH_OIDC_ID: optional(z.string().trim().min(1)),
  AUTH_OIDC_SECRET: optional(z.string().min(1)),
  AUTH_OIDC_NAME: optional(z.string().trim().min(1).max(40)).transform((value) => value ?? "Single sign-on"),
  AUTH_OIDC_ADMIN_GROUP: optional(z.string().trim().min(1)),
  AUTH_GITHUB_ID: optional(z.string().trim().min(1)),
  AUTH_GITHUB_SECRET: optional(z.string().min(1)),
  TRUST_PROXY: optional(booleanSetting).transform((value) => value ?? false),
  OUTBOUND_ALLOW_HOSTS: optional(allowedHostsSchema).transform((value) => value ?? []),
  // Spending limits; unset means no limit of that kind. Admins can override the per-user ones.
  USER_DAILY_IMAGES: optional(limitSetting),
  USER_MONTHLY_CREDITS: optional(limitSetting),
  MONTHLY_CREDITS: optional(limitSetting),
  BUDGET_TIME_ZONE: optional(
    z
      .string()
      .trim()
      .transform((value, context) => {
        const zone = canonicalTimeZone(value);
        if (!zone) {
          context.addIssue({
            code: "custom",
            message: "must be an IANA time zone such as UTC or Europe/Berlin",
          });
          return z.NEVER;
        }
        return zone;
      }),
  ).transform((value) => value ?? "UTC"),
  // Unset: callbacks are asked for when APP_URL is public. Set for an upstream on a private network.
  SEEDREAM_CALLBACKS: optional(booleanSetting),
  // Media in an S3 bucket instead of DATA_DIR/media; needed to run several instances.
  S3_BUCKET: optional(
    z
      .string()
      .trim()
      .regex(
        /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
        "must be an S3 bucket name (3-63 lowercase letters, digits, . or -)",
      ),
  ),
  S3_ENDPOINT: optional(z.url({ protocol: /^https?$/ })).transform((value) => value?.replace(/\/+$/, "")),
  S3_REGION: optional(
    z
      .string()
      .trim()
      .regex(/^[a-z0-9-]{2,32}$/, "must be a region name such as us-east-1"),
  ).transform((value) => value ?? "us-east-1"),
  S3_ACCESS_KEY_ID: optional(z.string().trim().min(1)),
  S3_SECRET_ACCESS_KEY: optional(z.string().min(1)),
  // Unset: path-style (endpoint/bucket/key) with S3_ENDPOINT, as most S3-compatible stores want.
  S3_FORCE_PATH_STYLE: optional(booleanSetting),
  // Unset: text for a person at a terminal. json: one JSON object a line, with a request id.
  LOG_FORMAT: optional(z.enum(["text", "json"], "must be text or json")).transform(
    (value) => value ?? "text",
  ),
  // The other Seedream hosts (contract §5); each is offered once its key is set.
  KIE_API_KEY: optional(z.string().trim().min(8, "must be a KIE API key")),
  KIE_WEBHOOK_HMAC_KEY: optional(z.string().min(16, "must be at least 16 characters")),
  KIE_API_URL: optional(z.url({ protocol: /^https?$/ })).transform((value) =>
    trimSlash(value ?? "https://api.kie.ai"),
  ),
  // KIE's file host, where edit references are uploaded so KIE never fetches our APP_URL.
  KIE_UPLOAD_URL: optional(z.url({ protocol: /^https?$/ })).transform((value) =>
    trimSlash(value ?? "https://kieai.redpandaai.co"),
  ),
  ARK_API_KEY: optional(z.string().trim().min(8, "must be a ModelArk API key")),
  ARK_BASE_URL: optional(z.url({ protocol: /^https?$/ })).transform((value) =>
    trimSlash(value ?? "https://ark.ap-southeast.bytepluses.com/api/v3"),
  ),
  ARK_MODEL: optional(z.string().trim().min(1).max(100)).transform((value) => value ?? "seedream-4-5-251128"),
  FAL_KEY: optional(z.string().trim().min(8, "must be a fal key")),
  FAL_QUEUE_URL: optional(z.url({ protocol: /^https?$/ })).transform((value) =>
    trimSlash(value ?? "https://queue.fal.run"),
  ),
  // fal's storage API, where edit references are uploaded so fal never fetches our APP_URL.
  FAL_STORAGE_URL: optional(z.url({ protocol: /^https?$/ })).transform((value) =>
    trimSlash(value ?? "https://rest.alpha.fal.ai"),
  ),
  DEFAULT_PROVIDER: optional(z.enum(PROVIDER_IDS, `must be one of ${PROVIDER_IDS.join(", ")}`)),
  // Which hosts' contracts the bundled simulator offers when no key is set (tests pick several).
  SIMULATED_PROVIDERS: optional(
    z
      .string()
      .transform((value) =>
        value
          .split(",")
          .map((id) => id.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.enum(PROVIDER_IDS, `must list provider ids: ${PROVIDER_IDS.join(", ")}`)).min(1)),
  ).transform((value) => value ?? ["api-in-one" as const]),
});

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

/** Setting names of each host's key: a host is in use once its key is set. */
export const PROVIDER_KEY_SETTINGS = {
  "api-in-one": "SEEDREAM_API_KEY",
  kie: "KIE_API_KEY",
  ark: "ARK_API_KEY",
  fal: "FAL_KEY",
} as const satisfies Record<(typeof PROVIDER_IDS)[number], keyof z.input<typeof envSchema>>;

const requiredTogether = [
  ["AUTH_OIDC_ISSUER", "AUTH_OIDC_ID", "AUTH_OIDC_SECRET"],
  ["AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET"],
  ["S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"],
];

const s3Settings = [
  "S3_ENDPOINT",
  "S3_ACCESS_KEY_ID",
  "S3_SECRET_ACCESS_KEY",
  "S3_FORCE_PATH_STYLE",
] as const;

const checkedEnvSchema = envSchema.superRefine((settings, context) => {
  const values = new Map(Object.entries(settings));
  for (const group of requiredTogether) {
    const set = group.filter((name) => values.get(name) !== undefined);
    if (set.length > 0 && set.length < group.length) {
      for (const name of group.filter((n) => values.get(n) === undefined)) {
        context.addIssue({ code: "custom", path: [name], message: `is required with ${set.join(", ")}` });
      }
    }
  }
  for (const name of s3Settings) {
    if (settings[name] !== undefined && !settings.S3_BUCKET)
      context.addIssue({ code: "custom", path: [name], message: "needs S3_BUCKET" });
  }
  const keyed = keyedProviders(settings);
  if (settings.DEFAULT_PROVIDER && keyed.length > 0 && !keyed.includes(settings.DEFAULT_PROVIDER)) {
    context.addIssue({
      code: "custom",
      path: ["DEFAULT_PROVIDER"],
      message: `names a provider without a key; set ${PROVIDER_KEY_SETTINGS[settings.DEFAULT_PROVIDER]} or pick one of ${keyed.join(", ")}`,
    });
  }
  if (!settings.AUTH_PASSWORD_LOGIN && !settings.AUTH_OIDC_ISSUER && !settings.AUTH_GITHUB_ID) {
    context.addIssue({
      code: "custom",
      path: ["AUTH_PASSWORD_LOGIN"],
      message: "can only be false when single sign-on (AUTH_OIDC_* or AUTH_GITHUB_*) is configured",
    });
  }
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
  const result = checkedEnvSchema.safeParse(source);
  if (!result.success) throw new InvalidEnvironmentError(result.error.issues);
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The hosts whose keys are set, in a fixed order; none means the bundled simulator. */
export function keyedProviders(settings: z.output<typeof envSchema>): (typeof PROVIDER_IDS)[number][] {
  return PROVIDER_IDS.filter((id) => Boolean(settings[PROVIDER_KEY_SETTINGS[id]]));
}

/** The sign-up mode in force: SIGNUP_MODE, else open with the simulator and invite with a real key. */
export function signupMode(settings: Env = env()): "open" | "invite" | "closed" {
  return settings.SIGNUP_MODE ?? (keyedProviders(settings).length > 0 ? "invite" : "open");
}
