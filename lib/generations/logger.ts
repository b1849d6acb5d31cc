// Log lines name generations by id and errors by code; they never carry keys, tokens or URLs.
export function logGenerationEvent(
  event: string,
  details: Record<string, string | number | null | undefined>,
): void {
  const fields = Object.entries(details)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([key, value]) => `${key}=${value}`)
    .join(" ");
  console.warn(`[generations] ${event} ${fields}`);
}
