export function SimulatorBanner() {
  return (
    <div role="note" className="bg-amber-100 px-4 py-2 text-center text-sm text-amber-900">
      <strong>Simulated upstream.</strong> No SEEDREAM_API_KEY is set, so images come from the bundled
      simulator, not Seedream 4.5, and nothing is charged.
    </div>
  );
}
