import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { chromium } from "@playwright/test";
import { chromiumExecutable } from "../e2e/support/app-server";

// `npm test` finds a browser for the browser tests itself: Debian's Chromium when it is installed,
// else Playwright's own build, downloaded here when missing, else one clear line on what to run.

function playwrightChromium(): string | null {
  const executable = chromium.executablePath();
  return executable && fs.existsSync(executable) ? executable : null;
}

function main(): number {
  const found = chromiumExecutable() ?? playwrightChromium();
  if (found) {
    console.log(`[browser] using ${found}`);
    return 0;
  }
  console.log("[browser] no Chromium found: installing Playwright's (npx playwright install chromium)…");
  const install = spawnSync("npx", ["playwright", "install", "chromium"], { stdio: "inherit" });
  if (install.status === 0 && playwrightChromium()) return 0;
  console.error(
    "\n[browser] The browser tests need Chromium and none could be installed.\n" +
      "Run one of these, then npm test again:\n" +
      "  sudo apt-get install chromium        (Debian and Ubuntu)\n" +
      "  npx playwright install --with-deps chromium\n",
  );
  return 1;
}

process.exit(main());
