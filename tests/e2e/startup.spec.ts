import path from "node:path";
import { expect, test } from "@playwright/test";
import { e2ePort, serverEnv } from "./support/app-server";

test("a bad setting stops start-up with a message naming it, never its value", async () => {
  const { spawn } = await import("node:child_process");
  const secret = "too-short-secret";
  const port = e2ePort(9);
  const child = spawn("node", ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
    env: {
      ...serverEnv({
        port,
        dataDir: path.resolve(`tests/.tmp/startup-${Date.now()}`),
        simulatorPort: 0,
      }),
      AUTH_SECRET: secret,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  expect(code).not.toBe(0);
  expect(output).toContain("AUTH_SECRET: must be at least 32 characters");
  expect(output).not.toContain(secret);
});
