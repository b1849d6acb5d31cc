import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { CONTROL_SECRET_FILE } from "../../../lib/simulator/control-secret";

// E2E_PORT_BASE moves every port a test run uses, so two checkouts can run their suites side by side.
const PORT_BASE = Number(process.env.E2E_PORT_BASE ?? 3210);
export const E2E_PORT = PORT_BASE;
export const E2E_SIMULATOR_PORT = PORT_BASE + 1109;

/** A port of this run's own, for tests that start servers of their own (offset 1 to 99). */
export function e2ePort(offset: number): number {
  return PORT_BASE + offset;
}

/** The data folder of the suite's main server; every worker agrees through E2E_RUN_ID. */
export function e2eDataDir(): string {
  return path.resolve(`tests/.tmp/e2e-${process.env.E2E_RUN_ID}`);
}

/**
 * What a request to the simulator's /__sim/* endpoints must carry: the secret the server wrote into
 * its data folder when it started the simulator (waited for, as start-up may still be under way).
 */
export async function simulatorControlHeaders(dataDir = e2eDataDir()): Promise<Record<string, string>> {
  const file = path.join(dataDir, CONTROL_SECRET_FILE);
  for (let i = 0; i < 100 && !fs.existsSync(file); i++) await new Promise((r) => setTimeout(r, 100));
  return { authorization: `Bearer ${fs.readFileSync(file, "utf8")}` };
}

/** Debian's Chromium where it is installed (Playwright cannot download its own here). */
export function chromiumExecutable(): string | undefined {
  return ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((candidate) => fs.existsSync(candidate));
}

export function serverEnv({
  port,
  dataDir,
  simulatorPort,
  databaseUrl = "",
}: {
  port: number;
  dataDir: string;
  simulatorPort: number;
  databaseUrl?: string;
}): Record<string, string> & { NODE_ENV: "production" } {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  return {
    ...inherited,
    // Tests never reach a real upstream, whatever the developer's shell holds.
    SEEDREAM_API_KEY: "",
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: "",
    DATA_DIR: dataDir,
    APP_URL: `http://localhost:${port}`,
    SIMULATOR_PORT: String(simulatorPort),
    NODE_ENV: "production" as const,
  };
}

export interface AppServer {
  url: string;
  /** The server's process id, e.g. to read its memory from /proc. */
  pid: number | undefined;
  output(): string;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** A `next start` of the production build, for tests that stop and restart the server. */
export async function startAppServer({
  port,
  dataDir,
  simulatorPort = 0,
  databaseUrl,
  waitUntilReady = true,
  env = {},
  cwd,
}: {
  port: number;
  dataDir: string;
  simulatorPort?: number;
  databaseUrl?: string;
  waitUntilReady?: boolean;
  /** Settings over the test defaults. */
  env?: Record<string, string>;
  /** Another checkout's build to run (benchmarks compare against one). */
  cwd?: string;
}): Promise<AppServer> {
  let output = "";
  const child: ChildProcess = spawn(
    "node",
    ["node_modules/next/dist/bin/next", "start", "-p", String(port)],
    {
      env: { ...serverEnv({ port, dataDir, simulatorPort, databaseUrl }), ...env },
      stdio: ["ignore", "pipe", "pipe"],
      cwd,
    },
  );
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = `http://localhost:${port}`;
  const server: AppServer = {
    url,
    pid: child.pid,
    output: () => output,
    exited,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
  if (!waitUntilReady) return server;
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      // "[start] database: …", or its JSON line with LOG_FORMAT=json.
      const started = output.includes("[start] database") || output.includes('"event":"database:');
      if ((await fetch(`${url}/api/health`)).ok && started) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await server.stop();
  throw new Error(`server did not become ready:\n${output}`);
}
