import { describe, expect, it } from "vitest";
import { SeedreamError } from "@/lib/seedream/errors";
import { parseCreateResponse, parseTaskResponse } from "@/lib/seedream/responses";
import { behaviourSchema } from "@/lib/simulator/behaviour";
import { createResponse, type SimTaskView, statusResponse } from "@/lib/simulator/shapes";

const URL_A = "https://cdn.example.com/a.png";

function errorCodeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof SeedreamError) return error.code;
    throw error;
  }
  return undefined;
}

describe("parseCreateResponse", () => {
  it.each([
    [
      "documented envelope",
      { code: 200, message: "success", data: { task_id: "n30x_seed", status: "IN_PROGRESS" } },
    ],
    [
      "flat object",
      { id: "n30x_seed", status: "pending", model: "seedream-4-5", created_at: "2026-01-01T00:00:00Z" },
    ],
    ["KIE camelCase", { code: 200, msg: "success", data: { taskId: "n30x_seed" } }],
    ["top-level task_id", { task_id: "n30x_seed" }],
  ])("reads the task id from the %s", (_name, body) => {
    expect(parseCreateResponse(body).taskId).toBe("n30x_seed");
  });

  it("treats a success without an id as an unknown outcome, not a failure", () => {
    expect(errorCodeOf(() => parseCreateResponse({ code: 200, data: {} }))).toBe("outcome_unknown");
  });

  it.each([
    [{ error: { code: 400, message: "Invalid parameters", type: "invalid_request" } }, "bad_request"],
    [{ error: { code: 401, message: "bad key" } }, "key_rejected"],
    [{ error: { code: 402, message: "no credits" } }, "out_of_credits"],
    [{ error: { code: 429, message: "slow down" } }, "rate_limited"],
    [{ error: { code: 500, message: "boom" } }, "outcome_unknown"],
    [{ code: 401, msg: "You do not have access permissions" }, "key_rejected"],
    [{ code: "402", message: "credits" }, "out_of_credits"],
  ])("maps the error body %j to %s even with HTTP 200", (body, code) => {
    expect(errorCodeOf(() => parseCreateResponse(body))).toBe(code);
  });
});

describe("parseTaskResponse", () => {
  it("reads the canonical shape", () => {
    const snapshot = parseTaskResponse({
      code: 200,
      message: "success",
      data: {
        task_id: "t1",
        status: "COMPLETED",
        output: { image_urls: [URL_A] },
        error: null,
        created_at: "2026-02-24T12:00:00Z",
      },
    });
    expect(snapshot).toMatchObject({ taskId: "t1", state: "succeeded", imageUrls: [URL_A], error: null });
  });

  it.each([
    ["output.image_urls", { status: "completed", output: { image_urls: [URL_A] } }],
    ["output.images[].url", { status: "completed", output: { images: [{ url: URL_A }] } }],
    ["output.image_url", { status: "completed", output: { image_url: URL_A } }],
    ["output as an array", { status: "completed", output: [URL_A] }],
    ["result_urls", { status: "completed", result_urls: [URL_A] }],
    ["resultUrls", { status: "success", resultUrls: [URL_A] }],
    ["KIE resultJson string", { state: "success", resultJson: JSON.stringify({ resultUrls: [URL_A] }) }],
  ])("finds the image URL in %s", (_name, data) => {
    expect(parseTaskResponse({ code: 200, data }).imageUrls).toEqual([URL_A]);
    expect(parseTaskResponse(data).imageUrls).toEqual([URL_A]);
  });

  it.each([
    ["a string", { status: "failed", error: "NSFW content" }, "NSFW content"],
    ["{code,message}", { status: "FAILED", error: { code: 500, message: "model error" } }, "model error"],
    ["KIE failMsg", { state: "fail", failCode: "500", failMsg: "internal" }, "internal"],
  ])("reads an error given as %s", (_name, data, message) => {
    const snapshot = parseTaskResponse({ code: 200, data });
    expect(snapshot.state).toBe("failed");
    expect(snapshot.error).toBe(message);
  });

  it("keeps no NUL from the upstream: stripped from texts, a URL holding one is not a result", () => {
    const snapshot = parseTaskResponse({
      task_id: "t\u00001",
      status: "FAILED\u0000",
      output: { image_urls: [`${URL_A}\u0000`] },
      error: "bad\u0000 luck",
    });
    expect(snapshot).toMatchObject({ taskId: "t1", state: "failed", imageUrls: [], error: "bad luck" });
    expect(parseCreateResponse({ data: { task_id: "\u0000t2" } }).taskId).toBe("t2");
  });

  it("reads progress when present and leaves it null when absent", () => {
    expect(parseTaskResponse({ status: "IN_PROGRESS", progress: 42 }).progress).toBe(42);
    expect(parseTaskResponse({ status: "IN_PROGRESS", progress: "130" }).progress).toBe(100);
    expect(parseTaskResponse({ status: "IN_PROGRESS" }).progress).toBeNull();
  });

  it("keeps unknown status words as unrecognized rather than failing", () => {
    expect(parseTaskResponse({ status: "thinking_hard" }).state).toBe("unrecognized");
  });

  it("refuses a body without a status, and garbage", () => {
    expect(errorCodeOf(() => parseTaskResponse({ code: 200, data: { task_id: "x" } }))).toBe(
      "invalid_response",
    );
    expect(errorCodeOf(() => parseTaskResponse("<html>"))).toBe("invalid_response");
  });

  it("maps KIE's 'recordInfo is null' to task_not_found", () => {
    expect(errorCodeOf(() => parseTaskResponse({ code: 422, msg: "recordInfo is null" }))).toBe(
      "task_not_found",
    );
  });

  it("ignores URLs that are not http(s)", () => {
    expect(parseTaskResponse({ status: "completed", output: ["javascript:alert(1)"] }).imageUrls).toEqual([]);
  });
});

describe("every shape the simulator emits is read by the client", () => {
  const phases = ["queued", "running", "succeeded", "failed"] as const;
  const expected = {
    queued: "queued",
    running: "running",
    succeeded: "succeeded",
    failed: "failed",
  } as const;
  const shapes = behaviourSchema.shape.statusShape.unwrap().options;

  for (const shape of shapes) {
    for (const phase of phases) {
      it(`${shape} / ${phase}`, () => {
        const task: SimTaskView = {
          id: "sim_1",
          model: "seedream/4.5-text-to-image",
          request: {
            prompt: "a red fox",
            aspectRatio: "16:9",
            quality: "high",
            callbackUrl: "https://studio.example/api/webhooks/seedream/tok",
          },
          phase,
          progress: phase === "running" ? 50 : 0,
          imageUrl: phase === "succeeded" ? URL_A : null,
          error: phase === "failed" ? "it broke" : null,
          createdAt: Date.now(),
          completedAt: null,
        };
        const snapshot = parseTaskResponse(statusResponse(shape, task));
        expect(snapshot.state).toBe(expected[phase]);
        expect(snapshot.imageUrls).toEqual(phase === "succeeded" ? [URL_A] : []);
        if (phase === "failed") expect(snapshot.error).toContain("it broke");
        // What the create asked for, echoed: how a callback's task is confirmed as ours.
        expect(snapshot.request.prompt).toBe("a red fox");
        if (shape !== "flat")
          expect(snapshot.request).toMatchObject({ aspectRatio: "16:9", quality: "high" });
        if (shape === "kie") expect(snapshot.request.callbackUrl).toBe(task.request?.callbackUrl);
        const silent = parseTaskResponse(statusResponse(shape, { ...task, request: null }));
        expect(silent.request).toMatchObject({ prompt: null, callbackUrl: null, quality: null });
      });
    }
  }

  for (const shape of behaviourSchema.shape.createShape.unwrap().options) {
    it(`create ${shape}`, () => {
      const task = {
        id: "sim_2",
        model: "m",
        request: null,
        phase: "queued",
        progress: 0,
        imageUrl: null,
        error: null,
        createdAt: 0,
        completedAt: null,
      } as const;
      expect(parseCreateResponse(createResponse(shape, task)).taskId).toBe("sim_2");
    });
  }
});
