import { describe, expect, it } from "vitest";
import { createAuthSession, getLiveSession } from "@/db/queries/auth-sessions";
import { insertMedia } from "@/db/queries/media";
import {
  createUser,
  deleteUser,
  EmailTakenError,
  getUserByEmail,
  LastAdminError,
  setPasswordHash,
  updateUserAccess,
} from "@/db/queries/users";
import { databaseCases, setUpDatabase } from "../support/databases";
import { makeGeneration } from "../support/fixtures";

describe.each(databaseCases())("users on $name", ({ open }) => {
  const database = setUpDatabase({ open });

  it("makes exactly one admin when the first sign-ups race, and allows several admins later", async () => {
    const users = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        createUser(database.db, {
          email: `u${i}@example.com`,
          name: null,
          passwordHash: "h",
          firstAdmin: true,
        }),
      ),
    );
    expect(users.filter((u) => u.role === "admin")).toHaveLength(1);
    const later = await createUser(database.db, {
      email: "later@example.com",
      name: null,
      passwordHash: "h",
      firstAdmin: true,
    });
    expect(later.role).toBe("user");
    const second = await createUser(database.db, {
      email: "a2@example.com",
      name: null,
      passwordHash: null,
      role: "admin",
    });
    expect(second.role).toBe("admin");
    expect(second.passwordHash).toBeNull();
  });

  it("refuses a second account for one email", async () => {
    await createUser(database.db, { email: "dup@example.com", name: null, passwordHash: "h" });
    await expect(
      createUser(database.db, { email: "dup@example.com", name: null, passwordHash: "h" }),
    ).rejects.toBeInstanceOf(EmailTakenError);
    expect((await getUserByEmail(database.db, "dup@example.com"))?.email).toBe("dup@example.com");
  });

  it("never demotes, disables or deletes the last active admin, even when two admins race", async () => {
    const fresh = await open();
    try {
      const a = await createUser(fresh.db, {
        email: "a@x.com",
        name: null,
        passwordHash: "h",
        role: "admin",
      });
      const b = await createUser(fresh.db, {
        email: "b@x.com",
        name: null,
        passwordHash: "h",
        role: "admin",
      });
      const results = await Promise.allSettled([
        updateUserAccess(fresh.db, { id: a.id, role: "user" }),
        updateUserAccess(fresh.db, { id: b.id, role: "user" }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const rejected = results.find((r) => r.status === "rejected");
      expect(rejected?.status === "rejected" && rejected.reason).toBeInstanceOf(LastAdminError);
      const survivor = results[0]?.status === "fulfilled" ? b : a;
      await expect(updateUserAccess(fresh.db, { id: survivor.id, disabled: true })).rejects.toBeInstanceOf(
        LastAdminError,
      );
      await expect(deleteUser(fresh.db, survivor.id)).rejects.toBeInstanceOf(LastAdminError);
    } finally {
      await fresh.close();
    }
  });

  it("ends every session of a user who is disabled or changes password", async () => {
    const user = await createUser(database.db, { email: "s@example.com", name: null, passwordHash: "h" });
    const expiresAt = new Date(Date.now() + 60_000);
    const first = await createAuthSession(database.db, { userId: user.id, expiresAt });
    expect(await getLiveSession(database.db, { sessionId: first, userId: user.id })).toEqual({
      role: "user",
    });
    await setPasswordHash(database.db, { id: user.id, passwordHash: "h2" });
    expect(await getLiveSession(database.db, { sessionId: first, userId: user.id })).toBeNull();

    const second = await createAuthSession(database.db, { userId: user.id, expiresAt });
    await updateUserAccess(database.db, { id: user.id, disabled: true });
    expect(await getLiveSession(database.db, { sessionId: second, userId: user.id })).toBeNull();
    await updateUserAccess(database.db, { id: user.id, disabled: false });
    // Re-enabling does not revive old cookies: the person signs in again.
    expect(await getLiveSession(database.db, { sessionId: second, userId: user.id })).toBeNull();
    const expired = await createAuthSession(database.db, {
      userId: user.id,
      expiresAt: new Date(Date.now() - 1000),
    });
    expect(await getLiveSession(database.db, { sessionId: expired, userId: user.id })).toBeNull();
  });

  it("deletes a user with their generations and media, and hands back every file to remove", async () => {
    const user = await createUser(database.db, {
      email: "leaving@example.com",
      name: null,
      passwordHash: "h",
    });
    const other = await createUser(database.db, {
      email: "staying@example.com",
      name: null,
      passwordHash: "h",
    });
    const file = (userId: string, name: string) =>
      insertMedia(database.db, {
        userId,
        kind: "result",
        storageKey: `users/${userId}/${name}.png`,
        thumbnailKey: `users/${userId}/${name}.webp`,
        contentType: "image/png",
        width: 1,
        height: 1,
        bytes: 1,
        placeholder: "",
      });
    const mine = await file(user.id, "a");
    await makeGeneration(database.db, user.id, { resultMediaId: mine.id, status: "succeeded" });
    const theirs = await file(other.id, "b");
    const result = await deleteUser(database.db, user.id);
    expect(result?.storageKeys.sort()).toEqual(
      [
        mine.storageKey,
        mine.thumbnailKey,
        `users/${user.id}/a-medium.webp`,
        `users/${user.id}/a-display.webp`,
        `users/${user.id}/a-preview.jpg`,
      ].sort(),
    );
    expect(await getUserByEmail(database.db, "leaving@example.com")).toBeUndefined();
    expect(result?.storageKeys).not.toContain(theirs.storageKey);
    expect(await deleteUser(database.db, user.id)).toBeNull();
  });
});
