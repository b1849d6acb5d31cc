import type { Quality } from "@/lib/seedream/constants";

const options: { value: Quality; label: string; detail: string }[] = [
  { value: "basic", label: "Basic", detail: "2K" },
  { value: "high", label: "High", detail: "4K" },
];

export function QualityPicker({ value, onChange }: { value: Quality; onChange: (quality: Quality) => void }) {
  return (
    <fieldset>
      <legend className="mb-2 text-sm font-medium">Quality</legend>
      <div className="flex gap-2">
        {options.map((option) => (
          <label key={option.value} className="cursor-pointer">
            <input
              type="radio"
              name="quality"
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              className="peer sr-only"
            />
            <span className="block rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm peer-checked:border-violet-700 peer-checked:bg-violet-50 peer-checked:text-violet-800 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-violet-600">
              {option.label} <span className="text-zinc-500">({option.detail})</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
