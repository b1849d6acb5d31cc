import { inspect } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createUser } from "@/db/queries/users";
import { logGenerationEvent } from "@/lib/generations/logger";
import { toActionError } from "@/lib/http/action";
import { jsonError } from "@/lib/http/route";
import { databaseCases } from "../support/databases";
import { makeGeneration, makeUser } from "../support/fixtures";

// The action helper signs users in through Auth.js, which needs Next's runtime; not used here.
vi.mock("@/lib/auth/current-user", () => ({ requireUser: vi.fn() }));

const SECRET_TOKEN = "cbTOKEN_do_not_log_0123456789abcdef";
const PROMPT_MARKER = "prompt-marker-3f9a";

/** Everything written to the console while `run` runs. */
async function consoleOutput(run: () => Promise<void> | void): Promise<string> {
  const lines: string[] = [];
  const record = (...args: unknown[]) => {
    lines.push(args.map((arg) => (typeof arg === "string" ? arg : inspect(arg, { depth: 10 }))).join(" "));
  };
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation(record);
  }
  await run();
  return lines.join("\n");
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the query to fail");
    },
    (error: unknown) => error,
  );
}

describe.each(databaseCases())("logs of database errors on $name", ({ open }) => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await open();
  });
  afterAll(async () => {
    await handle.close();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("name the error and its code, never the query's parameters", async () => {
    const user = await makeUser(handle.db);
    const error = await rejection(
      makeGeneration(handle.db, user.id, {
        prompt: `a fox ${PROMPT_MARKER}\u0000`,
        callbackToken: SECRET_TOKEN,
      }),
    );
    // The driver's own error does carry them: that is what must not reach a log.
    expect(String((error as Error).message)).toContain(SECRET_TOKEN);

    let answer: Response | undefined;
    let actionError: ReturnType<typeof toActionError> | undefined;
    const output = await consoleOutput(() => {
      actionError = toActionError(error, "create generation");
      answer = jsonError(error, "generation status");
      logGenerationEvent("sweep refresh failed", { id: user.id }, error);
    });

    expect(output).toContain("[action] create generation failed");
    expect(output).toContain("code=22021");
    for (const secret of [SECRET_TOKEN, PROMPT_MARKER, user.id.replace(/-/g, ""), "params", "insert into"]) {
      expect(output).not.toContain(secret);
    }
    expect(actionError).toEqual({
      code: "internal",
      message: "Something went wrong on our side. Try again in a moment.",
    });
    expect(answer?.status).toBe(500);
    expect(await answer?.text()).not.toContain(SECRET_TOKEN);
  });

  it("a sign-up that fails in the database throws nothing that holds the email or the password hash", async () => {
    const email = "private-person@example.com";
    const passwordHash = "$argon2id$v=19$m=19456,t=2,p=1$c2VjcmV0$aGFzaA";
    const error = await rejection(createUser(handle.db, { email, name: "Nul\u0000Name", passwordHash }));
    // Next logs an error a server action throws whole, message, properties and causes.
    const printed = inspect(error, { depth: 10, showHidden: true });
    expect(printed).toContain("22021");
    expect(printed).not.toContain(email);
    expect(printed).not.toContain("$argon2");
  });
});
