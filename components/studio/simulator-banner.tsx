export function SimulatorBanner() {
  return (
    <aside aria-label="Simulator notice" className="bg-amber-100 px-4 py-2 text-sm text-amber-900">
      {/* One line on a phone: the short form there, the whole explanation on wider screens. */}
      <p role="note" className="truncate text-center sm:whitespace-normal">
        <strong>Simulated upstream.</strong>
        <span className="sm:hidden"> Nothing is charged.</span>
        <span className="hidden sm:inline">
          {" "}
          No SEEDREAM_API_KEY is set, so images come from the bundled simulator, not Seedream 4.5, and nothing
          is charged.
        </span>
      </p>
    </aside>
  );
}
