import { getDatabase } from "@/db";
import { hasActiveAdmin } from "@/db/queries/users";
import { resolveAuthSecret } from "@/lib/auth/secret";
import { setupCode, setupCodeRequired } from "@/lib/auth/setup-code";
import { env } from "@/lib/config/env";
import { loadRefreshDeps } from "@/lib/generations/service";
import { startSweeper } from "@/lib/generations/sweeper";
import { ensureSimulator, isSimulated } from "@/lib/upstream";

/** Until an admin exists, say how to become it: on a public host that takes the setup code. */
function announceSetup(): void {
  const { APP_URL } = env();
  if (!setupCodeRequired()) {
    console.log(`[start] no admin yet: the first account created at ${APP_URL}/sign-up becomes the admin`);
    return;
  }
  console.log(
    `[start] no admin yet: create the admin account at ${APP_URL}/sign-up with this setup code: ${setupCode()}`,
  );
}

const globalForStart = globalThis as typeof globalThis & { __seedreamStarted?: boolean };

export async function startServer(): Promise<void> {
  if (globalForStart.__seedreamStarted) return;
  globalForStart.__seedreamStarted = true;
  try {
    const settings = env();
    resolveAuthSecret();
    const database = await getDatabase();
    console.log(
      `[start] database: ${database.driver}${database.driver === "pglite" ? ` in ${settings.DATA_DIR}` : ""}`,
    );
    if (isSimulated()) {
      const simulator = await ensureSimulator();
      console.log(`[start] no SEEDREAM_API_KEY: using the bundled upstream simulator at ${simulator.apiUrl}`);
    }
    if (!(await hasActiveAdmin(database.db))) announceSetup();
    startSweeper(loadRefreshDeps);
  } catch (error) {
    // A bad setting or a locked database must stop the server, not leave it half up.
    console.error(
      `\n[start] Seedream Studio cannot start:\n${error instanceof Error ? error.message : error}\n`,
    );
    process.exit(1);
  }
}
