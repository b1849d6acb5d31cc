import { describe, expect, it } from "vitest";
import { taskOwnership } from "@/lib/generations/task-ownership";

const sent = {
  taskId: "t1",
  model: "seedream/4.5-text-to-image",
  prompt: "a fox",
  aspectRatio: "1:1",
  quality: "basic",
  callbackUrls: [
    "https://s.example/api/webhooks/api-in-one/tok",
    "https://s.example/api/webhooks/seedream/tok",
  ],
};
const echo = { taskId: "t1", model: null, prompt: null, aspectRatio: null, quality: null, callbackUrl: null };

describe("task ownership", () => {
  it("confirms a task whose echoed callback is any address our create may have named", () => {
    for (const callbackUrl of sent.callbackUrls) {
      expect(taskOwnership({ ...echo, callbackUrl }, sent)).toBe("confirmed");
    }
  });

  it("refuses another token's callback, a different prompt, and binds nothing when nothing is echoed", () => {
    const other = { ...echo, callbackUrl: "https://s.example/api/webhooks/api-in-one/other" };
    expect(taskOwnership(other, sent)).toBe("mismatch");
    expect(taskOwnership({ ...echo, prompt: "a wolf" }, sent)).toBe("mismatch");
    expect(taskOwnership(echo, sent)).toBe("unverifiable");
    expect(taskOwnership(undefined, sent)).toBe("unverifiable");
  });
});
