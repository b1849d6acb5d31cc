import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "@/db/client";
import { markSubmitted } from "@/db/queries/generation-lifecycle";
import { insertGeneration } from "@/db/queries/generations";
import { createUser } from "@/db/queries/users";
import { ingestResult } from "@/lib/generations/ingest";
import { createLocalDiskStorage } from "@/lib/media/local-disk-storage";
import { renderSimulatedImage } from "@/lib/simulator/render-image";
import { unlimitedBudget } from "../support/fixtures";
import { percentile, round } from "./stats";

/** Download + type check + thumbnail + placeholder + store + commit, for a 4096×4096 PNG. */
export async function benchIngest(runs: number) {
  const body = await renderSimulatedImage({
    prompt: "ingest bench",
    width: 4096,
    height: 4096,
    format: "png",
  });
  const http = await import("node:http");
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "image/png", "content-length": String(body.length) });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as import("node:net").AddressInfo;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "seedream-bench-"));
  const handle = await openDatabase({ memory: true });
  const storage = createLocalDiskStorage({ root, publicBaseUrl: "http://x", signingSecret: "s" });
  const user = await createUser(handle.db, { email: "bench@example.com", name: null, passwordHash: "x" });
  const times: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const { generation } = await insertGeneration(
        handle.db,
        {
          userId: user.id,
          idempotencyKey: randomBytes(8).toString("hex"),
          mode: "generate",
          model: "m",
          prompt: "ingest bench",
          aspectRatio: "1:1",
          quality: "high",
          costCredits: 12,
          callbackToken: randomBytes(24).toString("base64url"),
        },
        { budget: unlimitedBudget() },
      );
      const [running] = await markSubmitted(handle.db, {
        ids: [generation.id],
        taskId: `t${i}`,
        upstreamStatus: null,
      });
      if (!running) throw new Error("could not start generation");
      const t0 = performance.now();
      await ingestResult(
        {
          db: handle.db,
          storage,
          upstream: { allowHosts: [{ host: "127.0.0.1", port }] },
          instanceId: "bench",
        },
        running,
        `http://127.0.0.1:${port}/result.png`,
      );
      times.push(performance.now() - t0);
    }
  } finally {
    server.close();
    await handle.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
  return { runs, bytes: body.length, p50: round(percentile(times, 50)), p99: round(percentile(times, 99)) };
}
