import { ChoiceGroup } from "@/components/ui/choice-group";
import { MAX_BATCH } from "@/lib/providers/types";

const choices = Array.from({ length: MAX_BATCH }, (_, index) => {
  const count = index + 1;
  return { value: count, content: count, accessibleName: count === 1 ? "1 image" : `${count} images` };
});

/** How many variations one click makes: a radio group, so arrow keys move between the counts. */
export function VariationsPicker({ value, onChange }: { value: number; onChange: (count: number) => void }) {
  return (
    <ChoiceGroup
      legend="Variations"
      name="variations"
      choices={choices}
      value={value}
      onChange={onChange}
      tileClassName="block w-10 py-2 text-center text-sm"
    />
  );
}
