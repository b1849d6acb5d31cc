import { describe, expect, it } from "vitest";
import { createUploadStore } from "@/lib/simulator/hosts/uploads";

// The simulated hosts' file store lives as long as the process: it keeps a bounded number of
// uploads and bytes, the oldest going first.

const BASE = "http://127.0.0.1:9";
const bytes = (length: number) => Buffer.alloc(length, 1);

describe("the simulator's upload store", () => {
  it("keeps at most maxEntries uploads, evicting the oldest first", () => {
    const store = createUploadStore(() => BASE, { maxEntries: 3, maxBytes: 1000 });
    const [a, b, c, d] = ["a", "b", "c", "d"].map((name) => store.put("kie", name, "image/png", bytes(10)));
    expect(store.size()).toEqual({ entries: 3, bytes: 30 });
    expect(store.isUpload(store.urlOf(a ?? never()))).toBe(false);
    expect(store.get(a?.id ?? "")).toBeUndefined();
    for (const kept of [b, c, d]) expect(store.isUpload(store.urlOf(kept ?? never()))).toBe(true);
  });

  it("keeps at most maxBytes, evicting the oldest until the newest fits", () => {
    const store = createUploadStore(() => BASE, { maxEntries: 100, maxBytes: 100 });
    const first = store.put("kie", "first", "image/png", bytes(40));
    const second = store.put("fal", "second", "image/png", bytes(40));
    const third = store.put("kie", "third", "image/png", bytes(40));
    expect(store.size()).toEqual({ entries: 2, bytes: 80 });
    expect(store.get(first?.id ?? "")).toBeUndefined();
    expect(store.get(second?.id ?? "")?.body?.length).toBe(40);
    expect(store.get(third?.id ?? "")?.body?.length).toBe(40);
  });

  it("refuses a file larger than everything it keeps, and keeps what it had", () => {
    const store = createUploadStore(() => BASE, { maxEntries: 100, maxBytes: 100 });
    const small = store.put("kie", "small", "image/png", bytes(30));
    expect(store.put("kie", "huge", "image/png", bytes(101))).toBeNull();
    expect(store.get(small?.id ?? "")?.body?.length).toBe(30);
    expect(store.size()).toEqual({ entries: 1, bytes: 30 });
  });

  it("counts a reserved upload (fal: initiate, then PUT) and refuses bytes for one evicted meanwhile", () => {
    const store = createUploadStore(() => BASE, { maxEntries: 2, maxBytes: 1000 });
    const reserved = store.reserve("fal", "later.png", "image/png");
    store.put("kie", "one", "image/png", bytes(10));
    store.put("kie", "two", "image/png", bytes(10));
    expect(store.get(reserved.id)).toBeUndefined();
    expect(store.fill(reserved, bytes(10))).toBe(false);
    expect(store.size()).toEqual({ entries: 2, bytes: 20 });
  });

  it("takes the bytes of a reservation once, and the filled upload becomes the newest", () => {
    const store = createUploadStore(() => BASE, { maxEntries: 2, maxBytes: 1000 });
    const reserved = store.reserve("fal", "early.png", "image/png");
    const other = store.put("kie", "other", "image/png", bytes(10));
    expect(store.fill(reserved, bytes(5))).toBe(true);
    expect(store.fill(reserved, bytes(5))).toBe(false);
    store.put("kie", "third", "image/png", bytes(10));
    // "other" was stored before the reservation got its bytes: it is the oldest now.
    expect(store.get(other?.id ?? "")).toBeUndefined();
    expect(store.get(reserved.id)?.body?.length).toBe(5);
    expect(store.size()).toEqual({ entries: 2, bytes: 15 });
  });
});

function never(): never {
  throw new Error("expected an upload");
}
