import { type LogFields, logEvent } from "@/lib/logging/log";

// Generations are named by id and errors by name and code; never keys, tokens, URLs or messages.
export function logGenerationEvent(event: string, details: LogFields, error?: unknown): void {
  logEvent("generations", event, details, error);
}
