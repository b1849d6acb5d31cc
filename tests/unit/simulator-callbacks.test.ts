import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, it } from "vitest";
import { createSeedreamClient } from "@/lib/seedream/client";
import { startSimulator } from "@/lib/simulator/server";

it("reports an undelivered callback as a normal event (info), not an alarm", async () => {
  const lines: { line: string; level?: string }[] = [];
  const simulator = await startSimulator({ log: (line, level) => lines.push({ line, level }) });
  // A port that was just free: the callback is refused, as when the app is restarting.
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const { port } = closed.address() as AddressInfo;
  await new Promise((resolve) => closed.close(resolve));
  try {
    simulator.setBehaviour({ durationMs: 10 });
    const client = createSeedreamClient({ baseUrl: simulator.apiUrl, apiKey: "k" });
    await client.createTask({
      mode: "generate",
      prompt: "a lighthouse",
      aspectRatio: "1:1",
      quality: "basic",
      callbackUrl: `http://127.0.0.1:${port}/api/webhooks/seedream/token`,
    });
    await expect.poll(() => lines.length, { timeout: 5000 }).toBeGreaterThan(0);
    expect(lines[0]?.level).toBe("info");
    expect(lines[0]?.line).toMatch(
      /^callback to http:\/\/127\.0\.0\.1:\d+ not delivered \(.+, try 1\); the app's status checks will pick the result up$/,
    );
  } finally {
    await simulator.close();
  }
});
