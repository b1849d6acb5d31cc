import http from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSeedreamClient } from "@/lib/seedream/client";
import type { TaskSnapshot } from "@/lib/seedream/responses";
import { defaultBehaviour } from "@/lib/simulator/behaviour";
import { type Simulator, startSimulator } from "@/lib/simulator/server";

describe("the simulator's edit mode", () => {
  let simulator: Simulator;
  let files: http.Server;
  let filesUrl = "";

  beforeAll(async () => {
    simulator = await startSimulator();
    simulator.setBehaviour({ durationMs: 10 });
    const red = await sharp({ create: { width: 400, height: 300, channels: 3, background: "#e01010" } })
      .png()
      .toBuffer();
    const blue = await sharp({ create: { width: 400, height: 300, channels: 3, background: "#1010e0" } })
      .png()
      .toBuffer();
    files = http.createServer((req, res) => {
      if (req.url === "/red.png" || req.url === "/blue.png") {
        res.writeHead(200, { "content-type": "image/png" });
        return res.end(req.url === "/red.png" ? red : blue);
      }
      if (req.url === "/notes.png") {
        res.writeHead(200, { "content-type": "image/png" });
        return res.end("not really a picture");
      }
      // Answers nothing, like a dev server still compiling the route on its first request.
      if (req.url === "/slow.png") return;
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => files.listen(0, "127.0.0.1", resolve));
    filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await simulator.close();
    files.closeAllConnections();
    files.close();
  });

  async function edit(imageUrls: string[], prompt = "make it brighter"): Promise<TaskSnapshot> {
    const client = createSeedreamClient({ baseUrl: simulator.apiUrl, apiKey: "k" });
    const { taskId } = await client.createTask({
      mode: "edit",
      prompt,
      aspectRatio: "1:1",
      quality: "basic",
      imageUrls,
    });
    for (let i = 0; i < 200; i++) {
      const snapshot = await client.getTask(taskId);
      if (snapshot.state === "succeeded" || snapshot.state === "failed") return snapshot;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error("edit never finished");
  }

  it("fetches every reference and derives the output from the first one", async () => {
    for (const [first, dominant] of [
      ["red", 0],
      ["blue", 2],
    ] as const) {
      const other = first === "red" ? "blue" : "red";
      const snapshot = await edit([`${filesUrl}/${first}.png`, `${filesUrl}/${other}.png`]);
      expect(snapshot.state).toBe("succeeded");
      const output = Buffer.from(await (await fetch(snapshot.imageUrls[0] ?? "")).arrayBuffer());
      const { channels } = await sharp(output)
        .extract({ left: 0, top: 0, width: 2048, height: 1024 })
        .stats();
      const means = channels.map((c) => c.mean);
      expect(means.indexOf(Math.max(...means))).toBe(dominant);
    }
  });

  it("fails the task when a reference does not answer or is not an image", async () => {
    const missing = await edit([`${filesUrl}/red.png`, `${filesUrl}/gone.png`]);
    expect(missing.state).toBe("failed");
    expect(missing.error).toContain(
      "The upstream could not download reference image 2 from this app (HTTP 404)",
    );
    const text = await edit([`${filesUrl}/notes.png`]);
    expect(text.error).toContain("Reference image 1 is not a JPEG, PNG or WebP image");
  });

  it("says the upstream could not download a reference that never answers, within its timeout", async () => {
    const slow = await edit([`${filesUrl}/slow.png`], "make it brighter [sim:referenceTimeoutMs=200]");
    expect(slow.state).toBe("failed");
    expect(slow.error).toBe(
      "The upstream could not download reference image 1 from this app: no answer within 0.2 s.",
    );
  });

  it("waits long enough for a dev server's first compile by default", () => {
    expect(defaultBehaviour.referenceTimeoutMs).toBeGreaterThanOrEqual(30_000);
  });
});
