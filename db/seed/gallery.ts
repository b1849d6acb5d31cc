import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { openDatabase } from "@/db/client";
import { createUser, getUserByEmail } from "@/db/queries/users";
import { hashPassword } from "@/lib/auth/passwords";
import { parseEnv } from "@/lib/config/env";

// Seeds one user's history with many generations, for the gallery benchmark and for trying the
// gallery at scale: `npm run seed:gallery -- --email me@example.com --count 100000`.
// It writes to the database the app would use (DATABASE_URL, else the PGlite under DATA_DIR);
// stop the app first when that is PGlite. The rows point at no real files: thumbnails 404.

const WORDS = [
  "lighthouse",
  "fox",
  "harbour",
  "forest",
  "city",
  "portrait",
  "robot",
  "garden",
  "mountain",
  "river",
  "desert",
  "castle",
  "market",
  "train",
  "owl",
  "bicycle",
  "library",
  "storm",
  "teapot",
  "violin",
];
const STYLES = ["watercolour", "oil painting", "photograph", "pencil sketch", "3D render", "poster"];
const RATIOS: [string, number, number][] = [
  ["1:1", 2048, 2048],
  ["4:3", 2304, 1728],
  ["3:4", 1728, 2304],
  ["16:9", 2848, 1600],
  ["9:16", 1600, 2848],
  ["3:2", 2496, 1664],
  ["2:3", 1664, 2496],
  ["21:9", 3136, 1344],
];
const PLACEHOLDER =
  "data:image/webp;base64,UklGRjoAAABXRUJQVlA4IC4AAACyAgCdASoCAAIALmk0mk0iIiIiIgBoSygABc6WWgAA/veff/0PP8bA//LwYAAA";

const textArray = (values: string[]) =>
  sql.raw(`array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(",")}]`);

/** Inserts `count` generations for the user in batches, newest last-inserted first; returns the count. */
export async function seedGallery(
  db: Db,
  {
    userId,
    count,
    batch = 10_000,
    log = () => {},
  }: { userId: string; count: number; batch?: number; log?: (line: string) => void },
): Promise<number> {
  const ratios = RATIOS.map(([r]) => r);
  const widths = RATIOS.map(([, w]) => String(w));
  const heights = RATIOS.map(([, , h]) => String(h));
  for (let start = 0; start < count; start += batch) {
    const end = Math.min(count, start + batch);
    // One statement per batch: the media rows and the generations that own them, every tenth
    // failed (no image), every seventh an edit, every thirteenth starred, one second apart.
    await db.execute(sql`
      with numbered as (
        select i, gen_random_uuid() as generation_id, gen_random_uuid() as media_id,
               1 + (i % ${RATIOS.length}) as r
        from generate_series(${start + 1}::int, ${end}::int) as i
      ),
      inserted_media as (
        insert into media (id, user_id, kind, storage_key, thumbnail_key, content_type, width, height, bytes, placeholder, created_at)
        select media_id, ${userId}::uuid, 'result', 'seed/' || media_id || '.jpg', 'seed/' || media_id || '-thumbnail.webp',
               'image/jpeg', (${textArray(widths)})[r]::int, (${textArray(heights)})[r]::int, 900000, ${PLACEHOLDER},
               now() - (${count}::int - i) * interval '1 second'
        from numbered where i % 10 <> 0
        returning id
      )
      insert into generations (id, user_id, idempotency_key, mode, model, prompt, aspect_ratio, quality, cost_credits,
                               status, callback_token, result_media_id, starred, created_at, completed_at, error_code, error_message)
      select generation_id, ${userId}::uuid, 'seed-' || generation_id,
             case when i % 7 = 0 then 'edit' else 'generate' end,
             case when i % 7 = 0 then 'seedream/4.5-edit' else 'seedream/4.5-text-to-image' end,
             'A ' || (${textArray(STYLES)})[1 + i % ${STYLES.length}] || ' of a ' || (${textArray(WORDS)})[1 + i % ${WORDS.length}]
               || ' and a ' || (${textArray(WORDS)})[1 + (i / ${WORDS.length}) % ${WORDS.length}] || ', number ' || i,
             (${textArray(ratios)})[r], case when i % 5 = 0 then 'high' else 'basic' end, 12,
             case when i % 10 = 0 then 'failed' else 'succeeded' end,
             'seed-' || generation_id,
             case when i % 10 = 0 then null else media_id end,
             i % 13 = 0,
             now() - (${count}::int - i) * interval '1 second',
             now() - (${count}::int - i) * interval '1 second' + interval '8 seconds',
             case when i % 10 = 0 then 'failed' end,
             case when i % 10 = 0 then 'The image service could not make this image.' end
      from numbered
    `);
    log(`seeded ${end.toLocaleString("en")} / ${count.toLocaleString("en")}`);
  }
  await db.execute(sql`analyze`);
  return count;
}

export async function ensureSeedUser(db: Db, email: string, password: string): Promise<string> {
  const existing = await getUserByEmail(db, email);
  if (existing) return existing.id;
  return (await createUser(db, { email, name: "Seed", passwordHash: await hashPassword(password) })).id;
}

async function main() {
  const { values } = parseArgs({
    options: {
      email: { type: "string", default: "seed@example.com" },
      password: { type: "string", default: "seed password" },
      count: { type: "string", default: "100000" },
    },
  });
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1 || count > 10_000_000)
    throw new Error("--count must be 1…10000000");
  const env = parseEnv(process.env);
  const handle = await openDatabase(
    env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { pgliteDir: path.join(env.DATA_DIR, "pglite") },
  );
  try {
    const userId = await ensureSeedUser(handle.db, values.email, values.password);
    await seedGallery(handle.db, { userId, count, log: console.log });
    console.log(
      `${values.email} (password "${values.password}") now has ${count.toLocaleString("en")} more generations.`,
    );
  } finally {
    await handle.close();
  }
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  await main();
}
