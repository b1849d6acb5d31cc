import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { assertValidKey, type MediaStorage, resolveRange } from "./storage";
import { signedMediaUrl } from "./url-signing";

// `<file>.<pid>.<uuid>.tmp`: the writer's process id says whether a temporary is still being written.
const TEMPORARY = /^\.(\d+)\.[0-9a-f-]{36}\.tmp$/;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * A process killed mid-write leaves its temporary file behind; the write that later lands (the
 * retried download) removes those whose writer is gone, so nothing of the crash outlives the retry.
 */
async function removeLeftoverTemporaries(target: string): Promise<void> {
  const folder = path.dirname(target);
  const name = path.basename(target);
  const siblings = await fs.promises.readdir(folder).catch(() => []);
  await Promise.all(
    siblings.map(async (sibling) => {
      const writer = sibling.startsWith(name) ? TEMPORARY.exec(sibling.slice(name.length)) : null;
      if (!writer || isRunning(Number(writer[1]))) return;
      await fs.promises.rm(path.join(folder, sibling), { force: true });
    }),
  );
}

export function createLocalDiskStorage({
  root,
  publicBaseUrl,
  signingSecret,
}: {
  root: string;
  /** Where the app serves signed files, e.g. `${APP_URL}/media/signed`. */
  publicBaseUrl: string;
  signingSecret: string;
}): MediaStorage {
  // Everything under the root is the app's own: folders 0700, files 0600, whatever the umask allows.
  fs.mkdirSync(root, { recursive: true, mode: 0o700 });
  fs.chmodSync(root, 0o700);
  const fullPath = (key: string) => {
    assertValidKey(key);
    return path.join(root, key);
  };

  return {
    async put(key, body) {
      const target = fullPath(key);
      await fs.promises.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      // Write aside, then rename: a reader never sees half a file, a crash leaves no torn one.
      const temporary = `${target}.${process.pid}.${randomUUID()}.tmp`;
      await fs.promises.writeFile(temporary, body, { mode: 0o600 });
      await fs.promises.rename(temporary, target);
      await removeLeftoverTemporaries(target);
    },
    async get(key, options) {
      const target = fullPath(key);
      try {
        const stat = await fs.promises.stat(target);
        if (!options?.range) return { body: fs.createReadStream(target), size: stat.size };
        const range = resolveRange(options.range, stat.size);
        return {
          body: fs.createReadStream(target, { start: range.start, end: range.end }),
          size: range.end - range.start + 1,
          range,
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async exists(key) {
      try {
        return (await fs.promises.stat(fullPath(key))).isFile();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
        throw error;
      }
    },
    async delete(key) {
      await fs.promises.rm(fullPath(key), { force: true });
    },
    signedUrl(key, { expiresInSeconds }) {
      assertValidKey(key);
      return signedMediaUrl({ publicBaseUrl, signingSecret }, key, expiresInSeconds);
    },
  };
}
