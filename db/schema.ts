import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { PROVIDER_IDS } from "@/lib/providers/types";

// Millisecond precision, as in a JS Date: keyset cursors read back from JS must match the stored
// value exactly, or PostgreSQL's microseconds make a page skip rows.
const createdAt = () => timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow();

export const userRoles = ["admin", "user"] as const;
export type UserRole = (typeof userRoles)[number];

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name"),
    // Null for people who only ever sign in through single sign-on.
    passwordHash: text("password_hash"),
    role: text("role", { enum: userRoles }).notNull().default("user"),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_key").on(t.email)],
);

// One row per identity at a single sign-on provider; a person keeps one `users` row however many.
export const accounts = pgTable(
  "accounts",
  {
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.provider, t.providerAccountId] }),
    index("accounts_user_idx").on(t.userId),
  ],
);

// A signed-in browser. The cookie's JWT names its row; deleting the row ends that session on the
// server, so a copied cookie is worthless after sign-out, disabling or a password change.
export const authSessions = pgTable(
  "auth_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("auth_sessions_user_idx").on(t.userId)],
);

export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // SHA-256 of the link's token: the link itself is shown once, to the admin who made it.
    tokenHash: text("token_hash").notNull(),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    email: text("email"),
    role: text("role", { enum: userRoles }).notNull().default("user"),
    maxUses: integer("max_uses").notNull(),
    uses: integer("uses").notNull().default(0),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("invitations_token_hash_key").on(t.tokenHash),
    index("invitations_created_idx").on(t.createdAt.desc().nullsFirst()),
  ],
);

export const invitationRedemptions = pgTable(
  "invitation_redemptions",
  {
    invitationId: uuid("invitation_id")
      .notNull()
      .references(() => invitations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.invitationId, t.userId] })],
);

export const auditActions = [
  "sign_in",
  "sign_in_failed",
  "sign_out",
  "sign_up",
  "account_linked",
  "invitation_created",
  "invitation_redeemed",
  "invitation_revoked",
  "role_changed",
  "user_disabled",
  "user_enabled",
  "user_deleted",
  "user_created",
  "password_changed",
  "limits_changed",
  "billing_settled",
  "credits_breaker_opened",
  "credits_breaker_cleared",
] as const;
export type AuditAction = (typeof auditActions)[number];

// Append-only. Subjects are kept as ids and an email copy, so the trail survives a deleted user.
export const auditEvents = pgTable(
  "audit_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    action: text("action", { enum: auditActions }).notNull(),
    actorId: uuid("actor_id"),
    subjectId: uuid("subject_id"),
    email: text("email"),
    clientAddress: text("client_address"),
    detail: text("detail"),
    createdAt: createdAt(),
  },
  (t) => [index("audit_events_created_idx").on(t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst())],
);

// Failed attempts per key ("account:<hash>" or "address:<ip>"), counted in the database so that
// every app instance sees the same count.
export const authThrottle = pgTable("auth_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull(),
  blockedUntil: timestamp("blocked_until", { withTimezone: true }),
});

export const media = pgTable(
  "media",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["result", "upload"] }).notNull(),
    storageKey: text("storage_key").notNull(),
    thumbnailKey: text("thumbnail_key").notNull(),
    contentType: text("content_type").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    bytes: integer("bytes").notNull(),
    placeholder: text("placeholder").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("media_user_idx").on(t.userId, t.createdAt)],
);

// What each status promises about money, the rule every transition keeps (see
// db/queries/generation-lifecycle.ts and generation-recovery.ts):
// - pending, submit_started_at null: recorded, never sent. Safe to send (one claim sends it); a
//   create nobody sent in time fails as `not_sent`: nothing was charged.
// - pending, submit_started_at set: a send under way. If it never answers it becomes unknown.
// - running: the upstream gave us (or confirmed) a task id; status checks and the download follow.
// - unknown: a send whose answer never came (timeout, reset, 5xx, the process died). It may have
//   been made and billed, so it is never sent again; a callback whose task the upstream confirms
//   as ours settles it.
// - timed_out: the upstream had not finished the task 15 minutes on; a late success is still
//   downloaded (the row goes back to running).
// - succeeded, failed: final. Failures the upstream reports (and `not_sent`, `reference_missing`,
//   refused creates) cost nothing.
export const generationStatuses = [
  "pending",
  "running",
  "unknown",
  "succeeded",
  "failed",
  "timed_out",
] as const;
export type GenerationStatus = (typeof generationStatuses)[number];

// What a generation's cost is doing: counted against the limits while the outcome is open ("held"),
// spent once the upstream reported success ("charged"), or given back when it charged nothing.
export const billingStates = ["held", "charged", "released"] as const;
export type BillingState = (typeof billingStates)[number];

export const generations = pgTable(
  "generations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    idempotencyKey: text("idempotency_key").notNull(),
    mode: text("mode", { enum: ["generate", "edit"] }).notNull(),
    model: text("model").notNull(),
    prompt: text("prompt").notNull(),
    aspectRatio: text("aspect_ratio").notNull(),
    quality: text("quality", { enum: ["basic", "high"] }).notNull(),
    costCredits: integer("cost_credits").notNull(),
    status: text("status", { enum: generationStatuses }).notNull().default("pending"),
    upstreamTaskId: text("upstream_task_id"),
    upstreamStatus: text("upstream_status"),
    progress: integer("progress"),
    callbackToken: text("callback_token").notNull(),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    resultUrl: text("result_url"),
    resultMediaId: uuid("result_media_id").references(() => media.id, { onDelete: "set null" }),
    retryOfId: uuid("retry_of_id"),
    starred: boolean("starred").notNull().default(false),
    createdAt: createdAt(),
    submitStartedAt: timestamp("submit_started_at", { withTimezone: true }),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    lastCheckedAt: timestamp("last_checked_at", { withTimezone: true }),
    statusMisses: integer("status_misses").notNull().default(0),
    ingestClaimId: uuid("ingest_claim_id"),
    ingestClaimedAt: timestamp("ingest_claimed_at", { withTimezone: true }),
    ingestAttempts: integer("ingest_attempts").notNull().default(0),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    // Back-off for failed status checks and downloads, kept here so that every instance agrees:
    // nothing is asked or fetched again before next_check_at.
    nextCheckAt: timestamp("next_check_at", { withTimezone: true }),
    statusFailures: integer("status_failures").notNull().default(0),
    statusFailingSince: timestamp("status_failing_since", { withTimezone: true }),
    // Null for generations recorded before spending limits existed: they were never counted.
    // Changed only by conditional UPDATEs (db/queries/usage.ts), so a duplicate never settles twice.
    billingState: text("billing_state", { enum: billingStates }),
    // The app instance (lib/server/instance.ts) holding this row's current claim: the send, a status
    // check or a download. Null when nobody works on it. A restarted instance releases its own.
    claimedBy: text("claimed_by"),
    // A task id a callback named for a create whose answer never came: only a hint until the
    // upstream's own status confirms it (a check can fail, and the callback is not sent again).
    callbackTaskId: text("callback_task_id"),
    // A failure its owner put away: gone from the studio's recent list, still in the gallery.
    dismissedAt: timestamp("dismissed_at", { withTimezone: true }),
    // The Seedream host it is sent to (lib/providers); upstream_task_id is that host's task id.
    provider: text("provider", { enum: PROVIDER_IDS }).notNull().default("api-in-one"),
    // Variations asked for in one click share a batch id (null for a single image) and the click's
    // idempotency key; each is its own row, hold and image.
    batchId: uuid("batch_id"),
    batchIndex: integer("batch_index").notNull().default(0),
    batchSize: integer("batch_size").notNull().default(1),
    // On a host that makes a batch in one submission, the other rows follow the row that sends it
    // (the lead): sent, refused or left unknown with it, each then taking its own image of the answer.
    leadId: uuid("lead_id"),
    // Which image of its submission's answer is this row's (0 the lead's), fixed when the
    // submission is claimed for sending: a variation deleted before the send is not asked for, and
    // one deleted after it does not move the others. Null on rows claimed before it existed.
    submissionIndex: integer("submission_index"),
  },
  (t) => [
    // A double click or a retried request carries the same key: one generation (or batch), not two.
    uniqueIndex("generations_user_idempotency_key").on(t.userId, t.idempotencyKey, t.batchIndex),
    index("generations_batch_idx").on(t.batchId).where(sql`${t.batchId} is not null`),
    index("generations_lead_idx").on(t.leadId).where(sql`${t.leadId} is not null`),
    uniqueIndex("generations_callback_token_key").on(t.callbackToken),
    // History, newest first, paged by (created_at, id).
    index("generations_user_created_idx").on(
      t.userId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    // An edit's source that is a result links back to the generation that made it.
    index("generations_result_media_idx").on(t.resultMediaId),
    // The sweep only ever looks at unfinished work.
    index("generations_open_idx")
      .on(t.status, t.lastCheckedAt)
      .where(sql`${t.status} in ('pending', 'running', 'unknown')`),
    // Holds whose outcome is still open: the admin's "possibly charged" list.
    index("generations_held_idx").on(t.createdAt).where(sql`${t.billingState} = 'held'`),
    // Start-up looks for the claims its crashed predecessor left.
    index("generations_claimed_by_idx").on(t.claimedBy).where(sql`${t.claimedBy} is not null`),
  ],
);

// The reference images of an edit, in the order the prompt names them ("image 1" is position 0).
// A source whose media is later deleted stays as a gap, so the edit still says it had one.
export const generationSources = pgTable(
  "generation_sources",
  {
    generationId: uuid("generation_id")
      .notNull()
      .references(() => generations.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    mediaId: uuid("media_id").references(() => media.id, { onDelete: "set null" }),
  },
  (t) => [
    primaryKey({ columns: [t.generationId, t.position] }),
    // "Edits made from this image" and deleting an image both look sources up by media.
    index("generation_sources_media_idx").on(t.mediaId),
  ],
);

// A public link to one result. Revoking deletes the row, so nothing of it answers afterwards;
// deleting the generation deletes its shares with it.
export const shares = pgTable(
  "shares",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // 256 random bits, base64url: the whole credential, so it is never derived from anything else.
    token: text("token").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    generationId: uuid("generation_id")
      .notNull()
      .references(() => generations.id, { onDelete: "cascade" }),
    showPrompt: boolean("show_prompt").notNull(),
    allowIndexing: boolean("allow_indexing").notNull().default(false),
    viewCount: integer("view_count").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("shares_token_key").on(t.token),
    index("shares_user_created_idx").on(t.userId, t.createdAt.desc().nullsFirst()),
    index("shares_generation_idx").on(t.generationId),
  ],
);

// Images and credits held or charged per scope and period, the numbers every limit is checked
// against. Scope "instance" or "user:<id>"; period "2026-11-24" (a day) or "2026-11" (a month),
// both in BUDGET_TIME_ZONE. Only ever changed by guarded upserts and decrements in one transaction
// with the generation they count, so parallel submits cannot overshoot a limit.
export const usageCounters = pgTable(
  "usage_counters",
  {
    scope: text("scope").notNull(),
    period: text("period").notNull(),
    images: integer("images").notNull().default(0),
    credits: integer("credits").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.scope, t.period] })],
);

export const ledgerKinds = ["hold", "charge", "release", "adjustment"] as const;
export type LedgerKind = (typeof ledgerKinds)[number];

// Append-only. Every entry names the generation and the periods its hold counted toward; the user
// is kept as an id (no foreign key), so the trail survives a deleted user or a deleted image.
export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    generationId: uuid("generation_id").references(() => generations.id, { onDelete: "set null" }),
    userId: uuid("user_id").notNull(),
    kind: text("kind", { enum: ledgerKinds }).notNull(),
    images: integer("images").notNull(),
    credits: integer("credits").notNull(),
    day: text("day").notNull(),
    month: text("month").notNull(),
    // For adjustments: the admin who settled an open outcome, and how ("charged" or "released").
    actorId: uuid("actor_id"),
    note: text("note"),
    createdAt: createdAt(),
  },
  (t) => [
    // One hold, one charge, one release per generation at most, whatever retries or duplicates do.
    uniqueIndex("ledger_entries_generation_kind_key")
      .on(t.generationId, t.kind)
      .where(sql`${t.kind} <> 'adjustment'`),
    index("ledger_entries_user_created_idx").on(
      t.userId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
  ],
);

export const limitKinds = ["daily_images", "monthly_credits"] as const;
export type LimitKind = (typeof limitKinds)[number];

// An admin's override of a default limit for one user. No row: the default from the environment;
// a row with a null value: unlimited.
export const userLimits = pgTable(
  "user_limits",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: limitKinds }).notNull(),
    value: integer("value"),
    updatedById: uuid("updated_by_id"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

// A row means the upstream account said it is out of credits: submissions stop at our side until
// an admin clears it (deletes the row) or a probe succeeds. `last_probe_at` is the claim that lets
// exactly one submission through per cool-down, across every instance.
export const creditBreakers = pgTable("credit_breakers", {
  provider: text("provider").primaryKey(),
  openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
  lastProbeAt: timestamp("last_probe_at", { withTimezone: true }),
});

// How each upstream host has been answering, one row per host (issue 13), for the admin view.
// Every outcome is one upsert, so instances racing on the same host never lose a count.
export const providerHealth = pgTable("provider_health", {
  provider: text("provider").primaryKey(),
  lastSuccessAt: timestamp("last_success_at", { withTimezone: true }),
  lastFailureAt: timestamp("last_failure_at", { withTimezone: true }),
  lastErrorCode: text("last_error_code"),
  lastErrorMessage: text("last_error_message"),
  consecutiveFailures: integer("consecutive_failures").notNull().default(0),
  failingSince: timestamp("failing_since", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export type User = typeof users.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type Generation = typeof generations.$inferSelect;
export type NewGeneration = typeof generations.$inferInsert;
export type Media = typeof media.$inferSelect;
export type NewMedia = typeof media.$inferInsert;
export type GenerationSource = typeof generationSources.$inferSelect;
export type Share = typeof shares.$inferSelect;
export type LedgerEntry = typeof ledgerEntries.$inferSelect;
export type ProviderHealth = typeof providerHealth.$inferSelect;

// A named board of the owner's images (issue 11): an image can be on several, and a board is only
// ever read or changed together with its owner's id.
export const collections = pgTable(
  "collections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // One "Favourites" per person however it is capitalised; also the index that lists a user's boards.
    uniqueIndex("collections_user_name_key").on(t.userId, sql`lower(${t.name})`),
  ],
);

export const collectionItems = pgTable(
  "collection_items",
  {
    collectionId: uuid("collection_id")
      .notNull()
      .references(() => collections.id, { onDelete: "cascade" }),
    generationId: uuid("generation_id")
      .notNull()
      .references(() => generations.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.collectionId, t.generationId] }),
    index("collection_items_generation_idx").on(t.generationId),
  ],
);

export type Collection = typeof collections.$inferSelect;
