import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createUser, EmailTakenError, getUserByEmail } from "@/db/queries/users";
import { databaseCases } from "../support/databases";

describe.each(databaseCases())("users on $name", ({ open }) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await open();
  });
  afterAll(() => handle.close());

  it("makes exactly one admin when the first sign-ups race", async () => {
    const users = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        createUser(handle.db, { email: `u${i}@example.com`, name: null, passwordHash: "h" }),
      ),
    );
    expect(users.filter((u) => u.role === "admin")).toHaveLength(1);
    const later = await createUser(handle.db, { email: "later@example.com", name: null, passwordHash: "h" });
    expect(later.role).toBe("user");
  });

  it("refuses a second account for one email", async () => {
    await createUser(handle.db, { email: "dup@example.com", name: null, passwordHash: "h" });
    await expect(
      createUser(handle.db, { email: "dup@example.com", name: null, passwordHash: "h" }),
    ).rejects.toBeInstanceOf(EmailTakenError);
    expect((await getUserByEmail(handle.db, "dup@example.com"))?.email).toBe("dup@example.com");
  });
});
