import { ASPECT_RATIOS, type AspectRatio } from "@/lib/seedream/constants";

const SHAPE_EDGE = 28;

function shapeSize(ratio: AspectRatio) {
  const [w = 1, h = 1] = ratio.split(":").map(Number);
  const scale = SHAPE_EDGE / Math.max(w, h);
  return { width: Math.round(w * scale), height: Math.round(h * scale) };
}

export function AspectRatioPicker({
  value,
  onChange,
}: {
  value: AspectRatio;
  onChange: (ratio: AspectRatio) => void;
}) {
  return (
    <fieldset>
      <legend className="mb-2 text-sm font-medium">Aspect ratio</legend>
      <div className="flex flex-wrap gap-2">
        {ASPECT_RATIOS.map((ratio) => (
          <label key={ratio} className="cursor-pointer">
            <input
              type="radio"
              name="aspectRatio"
              value={ratio}
              checked={value === ratio}
              onChange={() => onChange(ratio)}
              className="peer sr-only"
            />
            <span className="flex h-16 w-14 flex-col items-center justify-center gap-1 rounded-lg border border-zinc-300 bg-white text-xs text-zinc-700 peer-checked:border-violet-700 peer-checked:bg-violet-50 peer-checked:text-violet-800 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-violet-600">
              <span
                aria-hidden="true"
                className="rounded-sm border-2 border-current"
                style={shapeSize(ratio)}
              />
              {ratio}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
