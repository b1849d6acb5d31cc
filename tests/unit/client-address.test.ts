import { afterEach, describe, expect, it, vi } from "vitest";
import { parseEnv } from "@/lib/config/env";
import { PEER_ADDRESS_HEADER } from "@/lib/server/peer-address";

let trustProxy = false;
vi.mock("@/lib/config/env", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/config/env")>();
  return { ...original, env: () => parseEnv({ TRUST_PROXY: String(trustProxy) }) };
});

const { clientAddress } = await import("@/lib/auth/client-address");

const headers = (values: Record<string, string>) => new Headers(values);

describe("client address", () => {
  afterEach(() => {
    trustProxy = false;
  });

  it("is the socket's address without a trusted proxy, whatever X-Forwarded-For claims", () => {
    const request = headers({ [PEER_ADDRESS_HEADER]: "::ffff:192.0.2.10", "x-forwarded-for": "203.0.113.5" });
    expect(clientAddress(request)).toBe("192.0.2.10");
  });

  it("is the entry the trusted proxy appended last, not one the client wrote before it", () => {
    trustProxy = true;
    const request = headers({
      [PEER_ADDRESS_HEADER]: "10.0.0.2",
      "x-forwarded-for": "198.51.100.7, 203.0.113.5",
    });
    expect(clientAddress(request)).toBe("203.0.113.5");
    expect(clientAddress(headers({ [PEER_ADDRESS_HEADER]: "10.0.0.2" }))).toBe("10.0.0.2");
  });
});
