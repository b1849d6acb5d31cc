import { describe, expect, it } from "vitest";
import { toTaskState } from "@/lib/seedream/task-state";

describe("toTaskState", () => {
  it.each([
    ["pending", "queued"],
    ["waiting", "queued"],
    ["queuing", "queued"],
    ["IN_PROGRESS", "running"],
    ["in-progress", "running"],
    ["generating", "running"],
    ["COMPLETED", "succeeded"],
    ["success", "succeeded"],
    ["FAILED", "failed"],
    ["fail", "failed"],
    ["banana", "unrecognized"],
  ])("%s → %s", (word, state) => {
    expect(toTaskState(word)).toBe(state);
  });
});
