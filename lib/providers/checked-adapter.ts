import { assertSupported } from "./request-check";
import type { ProviderAdapter } from "./types";

/** Every submission is checked against the host's capabilities before it can cost anything. */
export function withRequestChecks(adapter: ProviderAdapter): ProviderAdapter {
  return {
    ...adapter,
    submit(request) {
      try {
        assertSupported(adapter, request);
      } catch (error) {
        return Promise.reject(error);
      }
      return adapter.submit(request);
    },
  };
}
