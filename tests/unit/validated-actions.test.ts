import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { User } from "@/db/schema";

const session = vi.hoisted(() => {
  const state: { user: User | null } = { user: null };
  return state;
});
vi.mock("@/lib/auth/current-user", async () => {
  const { AppError } = await import("@/lib/errors");
  const requireUser = async () => {
    if (!session.user) throw new AppError("unauthorized", "Your session has ended. Sign in again.");
    return session.user;
  };
  return {
    requireUser,
    requireAdmin: async () => {
      const user = await requireUser();
      if (user.role !== "admin") throw new AppError("forbidden", "Only an admin can do that.");
      return user;
    },
  };
});

const { validatedAction, validatedAdminAction } = await import("@/lib/http/action");
const { redirect } = await import("next/navigation");

const person = (role: User["role"]): User => ({
  id: "0b6f8d1e-2c3a-4f5b-8e9d-1a2b3c4d5e6f",
  email: `${role}@example.com`,
  name: null,
  role,
  passwordHash: "x",
  disabledAt: null,
  lastSignInAt: null,
  createdAt: new Date(),
});

afterEach(() => {
  session.user = null;
  vi.restoreAllMocks();
});

describe("validatedAdminAction", () => {
  const run = vi.fn(async ({ days }: { days: number }) => ({ purged: days }));
  const purge = validatedAdminAction("purge", z.object({ days: z.number().int().min(1) }), run);

  it("refuses a signed-in non-admin with forbidden, and runs nothing", async () => {
    session.user = person("user");
    expect(await purge({ days: 3 })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await purge({ days: "not even valid" })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(run).not.toHaveBeenCalled();
  });

  it("refuses the signed-out with unauthorized, and runs nothing", async () => {
    expect(await purge({ days: 3 })).toMatchObject({ ok: false, error: { code: "unauthorized" } });
    expect(run).not.toHaveBeenCalled();
  });

  it("runs for the admin with parsed input, and refuses bad input without running", async () => {
    session.user = person("admin");
    expect(await purge({ days: 0 })).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    expect(run).not.toHaveBeenCalled();
    expect(await purge({ days: 3 })).toEqual({ ok: true, data: { purged: 3 } });
  });
});

describe("validatedAction", () => {
  it("needs no session, parses its input, and logs an unexpected error by name only", async () => {
    const log = vi.spyOn(console, "warn").mockImplementation(() => {});
    const greet = validatedAction("greet", z.object({ name: z.string().min(1) }), async ({ name }) => {
      if (name === "boom") throw new TypeError(`cannot greet ${name}`);
      return `hello ${name}`;
    });
    expect(await greet({ name: "Ada" })).toEqual({ ok: true, data: "hello Ada" });
    expect(await greet({ name: "" })).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    expect(await greet({ name: "boom" })).toMatchObject({ ok: false, error: { code: "internal" } });
    expect(log).toHaveBeenCalledWith("[action] greet failed error=TypeError");
  });

  it("lets a redirect through, as Next needs it to", async () => {
    const leave = validatedAction("leave", z.unknown(), async () => redirect("/sign-in"));
    await expect(leave(undefined)).rejects.toThrow("NEXT_REDIRECT");
  });
});
