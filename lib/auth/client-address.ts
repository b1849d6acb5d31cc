import "server-only";
import { env } from "@/lib/config/env";
import { PEER_ADDRESS_HEADER } from "@/lib/server/peer-address";

/**
 * The address a request came from: the socket's, or with TRUST_PROXY=true the one our proxy
 * appended last to X-Forwarded-For (entries before it are the client's to write).
 */
export function clientAddress(headers: Headers): string {
  if (env().TRUST_PROXY) {
    const forwarded = headers
      .get("x-forwarded-for")
      ?.split(",")
      .map((part) => part.trim())
      .filter(Boolean);
    const last = forwarded?.at(-1);
    if (last) return normalise(last);
  }
  return normalise(headers.get(PEER_ADDRESS_HEADER) ?? "unknown");
}

const normalise = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "").slice(0, 64);
