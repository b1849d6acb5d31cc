import { startSimulator } from "./server";

// `npm run simulator`: the upstream simulator as a process of its own.
const port = Number(process.env.SIMULATOR_PORT ?? 4010);
const host = process.env.SIMULATOR_HOST ?? "127.0.0.1";
const simulator = await startSimulator({ port, host, log: (line) => console.error(line) });
console.log(`Seedream upstream simulator on ${simulator.apiUrl}`);
console.log(
  `Point the app at it with SEEDREAM_API_URL=${simulator.apiUrl}, any SEEDREAM_API_KEY and ` +
    `OUTBOUND_ALLOW_HOSTS=${new URL(simulator.url).host} (its results live on loopback).`,
);
console.log(
  `Its control endpoints (/__sim/*, see README) need this process's secret:\n` +
    `  curl -H "Authorization: Bearer ${simulator.controlSecret}" -H "content-type: application/json" ` +
    `-d '{"status":"rate_limited"}' ${simulator.url}/__sim/behaviour`,
);
const stop = () => simulator.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
