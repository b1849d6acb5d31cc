import path from "node:path";
import { InvalidEnvironmentError, parseEnv } from "@/lib/config/env";
import { describeError } from "@/lib/logging/log";
import { createS3Target } from "@/lib/media/s3-client";
import { migrateLocalMedia } from "@/lib/media/s3-migrate";

// `npm run storage:migrate`: copies DATA_DIR/media into S3_BUCKET with the same settings the app
// uses. Run it before starting the app with S3_BUCKET set; run it again after any interruption.

async function main(): Promise<number> {
  const settings = parseEnv(process.env);
  if (!settings.S3_BUCKET) {
    console.error(
      "storage:migrate: set S3_BUCKET (and S3_ENDPOINT, S3_* credentials) to the bucket to copy into.",
    );
    return 2;
  }
  const root = path.join(settings.DATA_DIR, "media");
  const target = createS3Target({ ...settings, S3_BUCKET: settings.S3_BUCKET });
  console.log(`storage:migrate: copying ${root} into ${target.label}`);
  const counts = await migrateLocalMedia({
    root,
    target,
    onFile: (key, outcome, progress) => {
      if (outcome === "failed") console.error(`storage:migrate: could not copy ${key}`);
      const done = progress.copied + progress.skipped + progress.failed;
      if (done % 25 === 0) console.log(`storage:migrate: ${done}/${progress.total}`);
    },
  });
  console.log(
    `storage:migrate: ${counts.total} files: ${counts.copied} copied, ${counts.skipped} already there, ${counts.failed} failed`,
  );
  if (counts.failed > 0) console.error("storage:migrate: run it again to retry the files that failed.");
  return counts.failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof InvalidEnvironmentError) console.error(`storage:migrate: ${error.message}`);
    else console.error(`storage:migrate failed: ${JSON.stringify(describeError(error))}`);
    process.exit(1);
  },
);
