import { ChoiceGroup } from "@/components/ui/choice-group";
import type { Quality } from "@/lib/seedream/constants";

const options: { value: Quality; label: string; detail: string }[] = [
  { value: "basic", label: "Basic", detail: "2K" },
  { value: "high", label: "High", detail: "4K" },
];

const choices = options.map(({ value, label, detail }) => ({
  value,
  content: (
    <>
      {label} <span className="text-zinc-500">({detail})</span>
    </>
  ),
}));

export function QualityPicker({ value, onChange }: { value: Quality; onChange: (quality: Quality) => void }) {
  return <ChoiceGroup legend="Quality" name="quality" choices={choices} value={value} onChange={onChange} />;
}
