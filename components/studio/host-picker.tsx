import type { HostOffer } from "@/lib/billing/allowance";
import type { ProviderId } from "@/lib/providers/types";

/** Which Seedream host makes the images, each with its price per image in the current mode. */
export function HostPicker({
  hosts,
  value,
  mode,
  onChange,
}: {
  hosts: readonly HostOffer[];
  value: ProviderId;
  mode: "generate" | "edit";
  onChange: (provider: ProviderId) => void;
}) {
  return (
    <fieldset>
      <legend className="mb-2 text-sm font-medium">Host</legend>
      <div className="flex flex-wrap gap-2">
        {hosts.map((host) => (
          <label key={host.id} className={host.creditsExhausted ? "cursor-not-allowed" : "cursor-pointer"}>
            <input
              type="radio"
              name="provider"
              value={host.id}
              checked={value === host.id}
              disabled={host.creditsExhausted}
              onChange={() => onChange(host.id)}
              className="peer sr-only"
            />
            <span className="block rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm peer-checked:border-violet-700 peer-checked:bg-violet-50 peer-checked:text-violet-800 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-violet-600 peer-disabled:opacity-50">
              {host.label}{" "}
              <span className="text-zinc-500">
                ({host.creditsExhausted ? "credits used up" : `${host.prices[mode]} credits per image`})
              </span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
