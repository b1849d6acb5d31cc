import type { InputHTMLAttributes } from "react";

const inputClass =
  "mt-1 block w-full rounded-lg border border-zinc-300 px-3 py-2 text-sm shadow-sm focus:border-violet-600";

export function AuthField({
  label,
  error,
  hint,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: string; name: string; error?: string; hint?: string }) {
  const errorId = `${input.name}-error`;
  const hintId = `${input.name}-hint`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label className="block text-sm font-medium">
        {label}
        <input
          required
          aria-invalid={Boolean(error)}
          aria-describedby={describedBy}
          className={inputClass}
          {...input}
        />
      </label>
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-zinc-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
