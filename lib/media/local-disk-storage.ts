import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { assertValidKey, type MediaStorage, resolveRange } from "./storage";
import { signedMediaUrl } from "./url-signing";

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
      const temporary = `${target}.${randomUUID()}.tmp`;
      await fs.promises.writeFile(temporary, body, { mode: 0o600 });
      await fs.promises.rename(temporary, target);
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
