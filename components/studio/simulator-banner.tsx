/** The banner's words, also written by the share page (app/s/[token]/share-document.tsx), which React does not render. */
export const SIMULATOR_NOTICE = {
  label: "Simulator notice",
  lead: "Simulated upstream.",
  short: "Nothing is charged.",
  long: "No SEEDREAM_API_KEY is set, so images come from the bundled simulator, not Seedream 4.5, and nothing is charged.",
} as const;

export function SimulatorBanner() {
  return (
    <aside aria-label={SIMULATOR_NOTICE.label} className="bg-amber-100 px-4 py-2 text-sm text-amber-900">
      {/* One line on a phone: the short form there, the whole explanation on wider screens. */}
      <p role="note" className="truncate text-center sm:whitespace-normal">
        <strong>{SIMULATOR_NOTICE.lead}</strong>
        <span className="sm:hidden"> {SIMULATOR_NOTICE.short}</span>
        <span className="hidden sm:inline"> {SIMULATOR_NOTICE.long}</span>
      </p>
    </aside>
  );
}
