import { describe, expect, it, vi } from "vitest";
import { createUser } from "@/db/queries/users";
import { planSignup } from "@/lib/auth/sign-up";
import { parseEnv } from "@/lib/config/env";
import { databaseCases, setUpDatabase } from "../support/databases";

let settings = parseEnv({});
vi.mock("@/lib/config/env", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/config/env")>();
  return { ...original, env: () => settings, signupMode: () => original.signupMode(settings) };
});

const request = (email: string, extra: Partial<Parameters<typeof planSignup>[1]> = {}) => ({
  email,
  name: null,
  passwordHash: "h",
  setupCodeGiven: false,
  address: "127.0.0.1",
  ...extra,
});

describe.each(databaseCases())("sign-up modes on $name", ({ open }) => {
  const database = setUpDatabase({ open });

  it("needs the setup code for the first admin on a public origin, and none on localhost", async () => {
    settings = parseEnv({ APP_URL: "https://studio.example.com", SIGNUP_MODE: "closed" });
    await expect(planSignup(database.db, request("first@example.com"))).rejects.toThrow(/setup code/);
    expect(await planSignup(database.db, request("first@example.com", { setupCodeGiven: true }))).toEqual({
      firstAdmin: true,
      invitationTokenHash: null,
    });
    settings = parseEnv({ APP_URL: "http://localhost:3000" });
    expect((await planSignup(database.db, request("first@example.com"))).firstAdmin).toBe(true);
  });

  it("once an admin exists: open lets anyone in, closed nobody, and the setup code is worth nothing", async () => {
    await createUser(database.db, {
      email: "admin@example.com",
      name: null,
      passwordHash: "h",
      role: "admin",
    });
    settings = parseEnv({ SIGNUP_MODE: "open" });
    expect(await planSignup(database.db, request("anyone@example.com"))).toEqual({
      firstAdmin: false,
      invitationTokenHash: null,
    });
    settings = parseEnv({ SIGNUP_MODE: "closed", APP_URL: "https://studio.example.com" });
    await expect(
      planSignup(database.db, request("late@example.com", { setupCodeGiven: true })),
    ).rejects.toThrow(/Sign-up is closed/);
    settings = parseEnv({ SEEDREAM_API_KEY: "aio_realkey123" });
    await expect(planSignup(database.db, request("walkin@example.com"))).rejects.toThrow(/invite-only/);
  });
});
