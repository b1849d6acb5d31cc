import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { loadDerivedFile } from "@/lib/media/derived-file";
import type { MediaStorage } from "@/lib/media/storage";

function memoryStorage(): MediaStorage {
  const files = new Map<string, Buffer>([["orig/a", Buffer.from("a")]]);
  for (let i = 0; i < 6; i++) files.set(`orig/${i}`, Buffer.from(String(i)));
  return {
    put: async (key, body) => {
      files.set(key, body);
    },
    get: async (key) => {
      const body = files.get(key);
      return body ? { body: Readable.from([body]), size: body.length } : null;
    },
    exists: async (key) => files.has(key),
    delete: async (key) => {
      files.delete(key);
    },
    signedUrl: () => "",
  } as MediaStorage;
}

describe("derived files (display copies, link previews)", () => {
  it("remember a render that failed instead of trying again on every request", async () => {
    const storage = memoryStorage();
    let renders = 0;
    const file = {
      sourceKey: "orig/a",
      key: "derived/a-broken",
      contentType: "image/webp",
      render: async () => {
        renders++;
        throw new Error("unsupported image");
      },
    };
    expect(await loadDerivedFile(storage, file)).toBeNull();
    expect(await loadDerivedFile(storage, file)).toBeNull();
    expect(renders).toBe(1);
  });

  it("render at most two at once, however many are asked for", async () => {
    const storage = memoryStorage();
    let running = 0;
    let most = 0;
    const loads = Array.from({ length: 6 }, (_, i) =>
      loadDerivedFile(storage, {
        sourceKey: `orig/${i}`,
        key: `derived/${i}`,
        contentType: "image/webp",
        render: async (original) => {
          running++;
          most = Math.max(most, running);
          await new Promise((resolve) => setTimeout(resolve, 20));
          running--;
          return original;
        },
      }),
    );
    const stored = await Promise.all(loads);
    expect(stored.every((file) => file !== null)).toBe(true);
    expect(most).toBe(2);
  });
});
