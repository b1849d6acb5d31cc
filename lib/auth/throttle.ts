import "server-only";
import { createHash } from "node:crypto";
import type { Db } from "@/db";
import {
  clearThrottle,
  getThrottleBlock,
  recordThrottleFailure,
  type ThrottlePolicy,
} from "@/db/queries/auth-throttle";

// Five wrong passwords for one account in 15 minutes, then a wait that doubles with each further
// failure. An address gets more room (a team behind one NAT), then the same treatment.
export const ACCOUNT_POLICY: ThrottlePolicy = {
  freeFailures: 5,
  windowMs: 15 * 60_000,
  baseDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
};
export const ADDRESS_POLICY: ThrottlePolicy = {
  freeFailures: 30,
  windowMs: 15 * 60_000,
  baseDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
};

// Keys for accounts are hashed: the table then holds no email, and unknown emails count the same.
export const accountKey = (email: string) =>
  `account:${createHash("sha256").update(email.trim().toLowerCase()).digest("base64url")}`;
export const addressKey = (address: string) => `address:${address}`;

export interface ThrottleSubject {
  email?: string | null;
  address: string;
}

const keysOf = ({ email, address }: ThrottleSubject) => [
  ...(email ? [accountKey(email)] : []),
  addressKey(address),
];

/** When attempts for this account or address may start again, or null if they may now. */
export function throttledUntil(db: Db, subject: ThrottleSubject): Promise<Date | null> {
  return getThrottleBlock(db, keysOf(subject));
}

export async function recordAuthFailure(db: Db, subject: ThrottleSubject): Promise<Date | null> {
  const blocks = await Promise.all([
    ...(subject.email ? [recordThrottleFailure(db, accountKey(subject.email), ACCOUNT_POLICY)] : []),
    recordThrottleFailure(db, addressKey(subject.address), ADDRESS_POLICY),
  ]);
  const times = blocks.flatMap((block) => (block ? [block.getTime()] : []));
  return times.length > 0 ? new Date(Math.max(...times)) : null;
}

export function clearAccountFailures(db: Db, email: string): Promise<void> {
  return clearThrottle(db, accountKey(email));
}

/** "Too many attempts. Try again in 2 min." Says nothing of whether the account exists. */
export function throttleMessage(until: Date, now = Date.now()): string {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now) / 1000));
  const wait = seconds < 90 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
  const at = until.toISOString().slice(11, 16);
  return `Too many attempts. Try again in ${wait} (after ${at} UTC).`;
}
