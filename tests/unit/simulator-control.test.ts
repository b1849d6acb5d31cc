import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "@/lib/simulator/server";

describe("the simulator's control endpoints", () => {
  let simulator: Simulator;
  let taskId = "";

  beforeAll(async () => {
    simulator = await startSimulator();
    const created = await fetch(`${simulator.apiUrl}/images/generations`, {
      method: "POST",
      headers: { authorization: "Bearer aio_any", "content-type": "application/json" },
      body: JSON.stringify({
        model: "seedream/4.5-text-to-image",
        prompt: "someone's private prompt",
        aspect_ratio: "1:1",
        quality: "basic",
      }),
    });
    taskId = ((await created.json()) as { data: { task_id: string } }).data.task_id;
  });
  afterAll(() => simulator.close());

  const control = (path: string, init: RequestInit = {}) => fetch(`${simulator.url}${path}`, init);
  const withSecret = (secret: string, init: RequestInit = {}): RequestInit => ({
    ...init,
    headers: { ...init.headers, authorization: `Bearer ${secret}` },
  });
  const patch = (body: unknown): RequestInit => ({
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

  it("answer nobody without this process's secret: no prompts, no behaviour changes", async () => {
    for (const secret of [null, "wrong", `${simulator.controlSecret}x`, "aio_any"]) {
      const sign = (init: RequestInit = {}) => (secret === null ? init : withSecret(secret, init));
      const list = await control("/__sim/tasks", sign());
      expect(list.status).toBe(401);
      expect(await list.text()).not.toContain("private prompt");
      expect((await control(`/__sim/tasks/${taskId}`, sign())).status).toBe(401);
      expect((await control("/__sim/behaviour", sign(patch({ status: "server_error" })))).status).toBe(401);
      expect((await control("/__sim/behaviour", sign({ method: "DELETE" }))).status).toBe(401);
    }
    // Still behaving: the refused change did not happen.
    const status = await fetch(`${simulator.apiUrl}/tasks/${taskId}`, {
      headers: { authorization: "Bearer aio_any" },
    });
    expect(status.status).toBe(200);
  });

  it("answer the holder of the secret", async () => {
    const list = await control("/__sim/tasks", withSecret(simulator.controlSecret));
    expect(list.status).toBe(200);
    expect(await list.text()).toContain("private prompt");
    const changed = await control(
      "/__sim/behaviour",
      withSecret(simulator.controlSecret, patch({ latencyMs: 5 })),
    );
    expect(await changed.json()).toMatchObject({ latencyMs: 5 });
    const one = await control(`/__sim/tasks/${taskId}`, withSecret(simulator.controlSecret));
    expect(await one.json()).toMatchObject({ statusCalls: 1 });
  });

  it("use a new secret in every process", async () => {
    const other = await startSimulator();
    try {
      expect(other.controlSecret).not.toBe(simulator.controlSecret);
      expect(other.controlSecret.length).toBeGreaterThanOrEqual(40);
    } finally {
      await other.close();
    }
  });
});
