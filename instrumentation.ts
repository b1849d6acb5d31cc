// Start-up work for the server process: settings, database and migrations, the simulator and the
// sweep. Skipped while `next build` runs, which must not touch the database.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { PHASE_PRODUCTION_BUILD } = await import("next/constants");
  if (process.env.NEXT_PHASE === PHASE_PRODUCTION_BUILD) return;
  const { instrumentHttpRequests, servingServers } = await import("./lib/server/http-requests");
  instrumentHttpRequests();
  const { installShutdownHandlers } = await import("./lib/server/shutdown");
  installShutdownHandlers({ servers: servingServers });
  const { outsideRequestContext } = await import("./lib/logging/request-context");
  const { startServer } = await import("./lib/server/start");
  // Start-up may run inside the first request; the sweeper it starts must not carry that request's id.
  await outsideRequestContext(startServer);
}
