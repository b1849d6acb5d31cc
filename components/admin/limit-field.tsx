"use client";

import { useId } from "react";
import type { LimitSetting } from "@/lib/billing/limits";

/** One limit of one user: the default, unlimited, or a number the admin types. */
export function LimitField({
  label,
  unit,
  fallback,
  value,
  onChange,
}: {
  label: string;
  unit: string;
  fallback: number | null;
  value: LimitSetting;
  onChange: (next: LimitSetting) => void;
}) {
  const id = useId();
  const defaultWords =
    fallback === null ? "Default (unlimited)" : `Default (${fallback.toLocaleString("en")})`;
  return (
    <div className="flex items-center gap-1">
      <label htmlFor={`${id}-kind`} className="sr-only">
        {label}
      </label>
      <select
        id={`${id}-kind`}
        value={value.kind}
        onChange={(event) => {
          const kind = event.target.value;
          if (kind === "custom")
            onChange({ kind, value: value.kind === "custom" ? value.value : (fallback ?? 0) });
          else if (kind === "default" || kind === "unlimited") onChange({ kind });
        }}
        className="rounded border border-zinc-300 px-1 py-1 text-sm"
      >
        <option value="default">{defaultWords}</option>
        <option value="unlimited">Unlimited</option>
        <option value="custom">Custom</option>
      </select>
      {value.kind === "custom" && (
        <>
          <label htmlFor={`${id}-value`} className="sr-only">
            {`${label}: ${unit}`}
          </label>
          <input
            id={`${id}-value`}
            type="number"
            min={0}
            step={1}
            inputMode="numeric"
            value={Number.isNaN(value.value) ? "" : value.value}
            onChange={(event) => onChange({ kind: "custom", value: event.target.valueAsNumber })}
            className="w-24 rounded border border-zinc-300 px-2 py-1 text-sm"
          />
        </>
      )}
    </div>
  );
}
