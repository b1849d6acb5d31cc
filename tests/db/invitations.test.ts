import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createInvitation, getInvitationByTokenHash, invitationState } from "@/db/queries/invitations";
import { createUser, getUserByEmail } from "@/db/queries/users";
import { hashInvitationToken, newInvitationToken } from "@/lib/auth/invitation-token";
import { createAccount, planSignup, SignupRefusedError } from "@/lib/auth/sign-up";
import { databaseCases } from "../support/databases";

vi.mock("@/lib/config/env", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/config/env")>();
  const settings = original.parseEnv({ SIGNUP_MODE: "invite", APP_URL: "http://localhost:3000" });
  return { ...original, env: () => settings, signupMode: () => original.signupMode(settings) };
});

describe.each(databaseCases())("invitations on $name", ({ open }) => {
  let handle: DatabaseHandle;
  let adminId: string;
  beforeAll(async () => {
    handle = await open();
    adminId = (
      await createUser(handle.db, { email: "admin@x.com", name: null, passwordHash: "h", role: "admin" })
    ).id;
  });
  afterAll(() => handle.close());

  const invite = async (values: { maxUses?: number; email?: string | null; expiresAt?: Date } = {}) => {
    const token = newInvitationToken();
    await createInvitation(handle.db, {
      tokenHash: hashInvitationToken(token),
      createdById: adminId,
      email: values.email ?? null,
      role: "user",
      maxUses: values.maxUses ?? 1,
      expiresAt: values.expiresAt ?? new Date(Date.now() + 86_400_000),
    });
    return token;
  };

  const redeem = async (token: string, email: string) => {
    const request = {
      email,
      name: null,
      passwordHash: "h",
      invitationToken: token,
      setupCodeGiven: false,
      address: "127.0.0.1",
    };
    return createAccount(handle.db, request, await planSignup(handle.db, request));
  };

  it("cannot be over-redeemed by 10 concurrent redemptions of a one-use link", async () => {
    const token = await invite({ maxUses: 1 });
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => redeem(token, `racer${i}@example.com`)),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) {
      if (r.status === "rejected") expect(r.reason).toBeInstanceOf(SignupRefusedError);
    }
    const created = await Promise.all(
      Array.from({ length: 10 }, (_, i) => getUserByEmail(handle.db, `racer${i}@example.com`)),
    );
    expect(created.filter(Boolean)).toHaveLength(1);
    const invitation = await getInvitationByTokenHash(handle.db, hashInvitationToken(token));
    expect(invitation?.uses).toBe(1);
    expect(invitationState(invitation)).toBe("used_up");
  });

  it("refuses expired, email-bound and missing invitations, and invite mode without one, creating nothing", async () => {
    const expired = await invite({ expiresAt: new Date(Date.now() - 1000) });
    await expect(redeem(expired, "late@example.com")).rejects.toThrow(/expired/);
    const bound = await invite({ email: "only@example.com" });
    await expect(redeem(bound, "someone@example.com")).rejects.toThrow(/different email/);
    await expect(redeem("x".repeat(43), "nobody@example.com")).rejects.toThrow(/not valid/);
    const request = {
      email: "walkin@example.com",
      name: null,
      passwordHash: "h",
      setupCodeGiven: false,
      address: "",
    };
    await expect(planSignup(handle.db, request)).rejects.toThrow(/invite-only/);
    for (const email of [
      "late@example.com",
      "someone@example.com",
      "nobody@example.com",
      "walkin@example.com",
    ]) {
      expect(await getUserByEmail(handle.db, email)).toBeUndefined();
    }
    expect((await redeem(bound, "only@example.com")).email).toBe("only@example.com");
  });

  it("gives the use back when the account cannot be created", async () => {
    const token = await invite({ maxUses: 1 });
    await expect(redeem(token, "admin@x.com")).rejects.toThrow();
    const invitation = await getInvitationByTokenHash(handle.db, hashInvitationToken(token));
    expect(invitation?.uses).toBe(0);
  });
});
