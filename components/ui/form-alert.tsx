/** A form's error, announced when it appears; nothing at all when there is none. */
export function FormAlert({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">
      {message}
    </p>
  );
}

/** An action's error in red beside the control that ran it; `className` sets its size and place. */
export function InlineAlert({
  message,
  className = "text-sm",
}: {
  message?: string | null;
  className?: string;
}) {
  if (!message) return null;
  return (
    <p role="alert" className={`text-red-700 ${className}`}>
      {message}
    </p>
  );
}
