import { z } from "zod";

/** A host (name or IP literal) an operator lets outbound fetches reach although it is private. */
export interface AllowedHost {
  host: string;
  /** Null allows every port of the host. */
  port: number | null;
}

const ENTRY = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i;

function parseEntry(entry: string): AllowedHost | null {
  const match = ENTRY.exec(entry);
  if (!match?.[1]) return null;
  const port = match[2] === undefined ? null : Number(match[2]);
  if (port !== null && (port < 1 || port > 65535)) return null;
  return { host: match[1].replace(/^\[|\]$/g, "").toLowerCase(), port };
}

/** `host[:port],…` as in OUTBOUND_ALLOW_HOSTS; IPv6 literals in brackets. */
export const allowedHostsSchema = z.string().transform((value, context) => {
  const hosts: AllowedHost[] = [];
  for (const entry of value.split(",").map((part) => part.trim())) {
    if (!entry) continue;
    const parsed = parseEntry(entry);
    if (!parsed) {
      context.addIssue({ code: "custom", message: "must be host[:port] entries separated by commas" });
      return z.NEVER;
    }
    hosts.push(parsed);
  }
  return hosts;
});

/** Whether `url`'s host and port (the scheme's default when absent) are on the list. */
export function isAllowedHost(url: URL, allowed: readonly AllowedHost[]): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  return allowed.some((entry) => entry.host === host && (entry.port === null || entry.port === port));
}

/** The allow-list entry for one origin, e.g. the bundled simulator's loopback address. */
export function allowedHostOf(origin: string): AllowedHost {
  const url = new URL(origin);
  return {
    host: url.hostname.replace(/^\[|\]$/g, "").toLowerCase(),
    port: Number(url.port || (url.protocol === "https:" ? 443 : 80)),
  };
}
