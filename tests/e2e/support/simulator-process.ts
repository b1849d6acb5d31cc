import { type ChildProcess, spawn } from "node:child_process";

/** `npm run simulator` as a process of its own, so it outlives an app server that is killed. */
export interface SimulatorProcess {
  url: string;
  apiUrl: string;
  /** The settings that point an app server at it as if it were the real upstream. */
  appEnv: Record<string, string>;
  output(): string;
  tasks(): Promise<SimulatorTask[]>;
  stop(): Promise<void>;
}

export interface SimulatorTask {
  id: string;
  prompt: string;
  phase: "queued" | "running" | "succeeded" | "failed";
  createdAt: number;
  statusCalls: number;
  fileCalls: number;
}

export async function startSimulatorProcess(port: number): Promise<SimulatorProcess> {
  const child: ChildProcess = spawn("node", ["node_modules/tsx/dist/cli.mjs", "lib/simulator/main.ts"], {
    env: { ...process.env, SIMULATOR_PORT: String(port), SIMULATOR_HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const ready = new Promise<{ apiUrl: string; secret: string }>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const apiUrl = output.match(/simulator on (http:\/\/\S+)/)?.[1];
      const secret = output.match(/Bearer ([\w-]+)/)?.[1];
      if (apiUrl && secret) resolve({ apiUrl, secret });
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    void exited.then(() => reject(new Error(`simulator exited:\n${output}`)));
  });
  const { apiUrl, secret } = await ready;
  const url = new URL(apiUrl).origin;
  return {
    url,
    apiUrl,
    appEnv: {
      SEEDREAM_API_URL: apiUrl,
      SEEDREAM_API_KEY: "aio_crash_test_key",
      OUTBOUND_ALLOW_HOSTS: new URL(url).host,
      // The simulator is on loopback, which a real upstream could never reach: say it can.
      SEEDREAM_CALLBACKS: "true",
      SIGNUP_MODE: "open",
    },
    output: () => output,
    tasks: async () => {
      const response = await fetch(`${url}/__sim/tasks`, { headers: { authorization: `Bearer ${secret}` } });
      return (await response.json()) as SimulatorTask[];
    },
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
