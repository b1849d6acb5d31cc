import fs from "node:fs";
import { defineConfig } from "@playwright/test";
import {
  chromiumExecutable,
  E2E_PORT,
  E2E_SIMULATOR_PORT,
  e2eDataDir,
  serverEnv,
} from "./tests/e2e/support/app-server";

// One id per run, inherited by the workers, so every process agrees on the data folder.
process.env.E2E_RUN_ID ??= String(Date.now());
const dataDir = e2eDataDir();
fs.mkdirSync(dataDir, { recursive: true });

export default defineConfig({
  testDir: "tests/e2e",
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: ["--no-sandbox", "--disable-background-networking"],
    },
    trace: "retain-on-failure",
  },
  webServer: {
    command: `node node_modules/next/dist/bin/next start -p ${E2E_PORT}`,
    url: `http://localhost:${E2E_PORT}/api/health`,
    env: serverEnv({ port: E2E_PORT, dataDir, simulatorPort: E2E_SIMULATOR_PORT }),
    reuseExistingServer: false,
    timeout: 90_000,
    stdout: "pipe",
  },
});
