import { ChoiceGroup } from "@/components/ui/choice-group";
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
  const choices = hosts.map((host) => ({
    value: host.id,
    disabled: host.creditsExhausted,
    content: (
      <>
        {host.label}{" "}
        <span className="text-zinc-500">
          ({host.creditsExhausted ? "credits used up" : `${host.prices[mode]} credits per image`})
        </span>
      </>
    ),
  }));
  return <ChoiceGroup legend="Host" name="provider" choices={choices} value={value} onChange={onChange} />;
}
