import type { ButtonHTMLAttributes, ReactNode } from "react";
import { Button } from "./button";
import { InlineAlert } from "./form-alert";

export interface Column {
  label: string;
  /** Right-aligned, as numbers are, so that their digits line up. */
  numeric?: boolean;
  nowrap?: boolean;
  /** Said to screen readers only (the column of row buttons). */
  labelHidden?: boolean;
}

export const ACTIONS_COLUMN: Column = { label: "Actions", labelHidden: true };

/** A table of records that scrolls sideways on a narrow screen; the rows are the caller's. */
export function DataTable({
  columns,
  children,
}: {
  columns: readonly (string | Column)[];
  children: ReactNode;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="text-xs uppercase text-zinc-600">
          <tr>
            {columns.map((column, index) => {
              const { label, numeric, nowrap, labelHidden } =
                typeof column === "string" ? { label: column } : column;
              const classes = [
                "py-2",
                index < columns.length - 1 && "pr-3",
                numeric && "text-right",
                nowrap && "whitespace-nowrap",
              ];
              return (
                <th key={label} scope="col" className={classes.filter(Boolean).join(" ")}>
                  {labelHidden ? <span className="sr-only">{label}</span> : label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** What went wrong with a row's action, shown in the row (under its first cell's words). */
export function RowAlert({ message }: { message: string | null }) {
  return <InlineAlert message={message} className="mt-1" />;
}

/** A row's action: a small secondary button, so that a few fit in one cell. */
export function RowButton(props: ButtonHTMLAttributes<HTMLButtonElement>) {
  return <Button variant="secondary" className="px-2 py-1" {...props} />;
}
