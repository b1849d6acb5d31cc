import { ChoiceGroup } from "@/components/ui/choice-group";
import { ASPECT_RATIOS, type AspectRatio } from "@/lib/seedream/constants";

const SHAPE_EDGE = 28;

function shapeSize(ratio: AspectRatio) {
  const [w = 1, h = 1] = ratio.split(":").map(Number);
  const scale = SHAPE_EDGE / Math.max(w, h);
  return { width: Math.round(w * scale), height: Math.round(h * scale) };
}

const choices = ASPECT_RATIOS.map((ratio) => ({
  value: ratio,
  content: (
    <>
      <span aria-hidden="true" className="rounded-sm border-2 border-current" style={shapeSize(ratio)} />
      {ratio}
    </>
  ),
}));

export function AspectRatioPicker({
  value,
  onChange,
}: {
  value: AspectRatio;
  onChange: (ratio: AspectRatio) => void;
}) {
  return (
    <ChoiceGroup
      legend="Aspect ratio"
      name="aspectRatio"
      choices={choices}
      value={value}
      onChange={onChange}
      tileClassName="flex h-16 w-14 flex-col items-center justify-center gap-1 text-xs text-zinc-700"
    />
  );
}
