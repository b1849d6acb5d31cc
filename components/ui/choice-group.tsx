import type { ReactNode } from "react";

export interface Choice<T extends string | number> {
  value: T;
  /** What the tile shows; also its accessible name unless `accessibleName` says otherwise. */
  content: ReactNode;
  /** For tiles whose content alone would read badly ("2" → "2 images"); the content is then hidden from readers. */
  accessibleName?: string;
  disabled?: boolean;
}

const TILE =
  "rounded-lg border border-zinc-300 bg-white peer-checked:border-violet-700 peer-checked:bg-violet-50 peer-checked:text-violet-800 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-violet-600 peer-disabled:opacity-50";

/**
 * One setting picked from a few tiles: native radios (hidden, the tiles drawn beside them), so Tab
 * enters the group once and arrow keys move between the choices.
 */
export function ChoiceGroup<T extends string | number>({
  legend,
  name,
  choices,
  value,
  onChange,
  tileClassName = "block px-3 py-2 text-sm",
}: {
  legend: string;
  /** The form field the choice is posted as. */
  name: string;
  choices: readonly Choice<T>[];
  value: T;
  onChange: (value: T) => void;
  /** The tile's size and layout; the border and the checked, focus and disabled looks are shared. */
  tileClassName?: string;
}) {
  return (
    <fieldset>
      <legend className="mb-2 text-sm font-medium">{legend}</legend>
      <div className="flex flex-wrap gap-2">
        {choices.map((choice) => (
          <label key={choice.value} className={choice.disabled ? "cursor-not-allowed" : "cursor-pointer"}>
            <input
              type="radio"
              name={name}
              value={choice.value}
              checked={value === choice.value}
              disabled={choice.disabled}
              onChange={() => onChange(choice.value)}
              aria-label={choice.accessibleName}
              className="peer sr-only"
            />
            <span
              aria-hidden={choice.accessibleName ? true : undefined}
              className={`${tileClassName} ${TILE}`}
            >
              {choice.content}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
