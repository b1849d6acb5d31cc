"use client";

import { useState } from "react";
import { GenerationCard } from "@/components/generations/generation-card";
import type { GenerationView } from "@/lib/generations/view";
import { Composer } from "./composer";

export function Studio({ initial, simulated }: { initial: GenerationView[]; simulated: boolean }) {
  const [generations, setGenerations] = useState(initial);
  const prepend = (generation: GenerationView) =>
    setGenerations((current) => [generation, ...current.filter((g) => g.id !== generation.id)]);
  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,26rem)_1fr]">
      <section aria-label="Composer">
        <Composer simulated={simulated} onCreated={prepend} />
      </section>
      <section aria-labelledby="results-heading">
        <h2 id="results-heading" className="mb-4 text-lg font-semibold">
          Recent results
        </h2>
        {generations.length === 0 ? (
          <p className="rounded-xl border border-dashed border-zinc-300 p-8 text-center text-sm text-zinc-500">
            Your images will appear here. Write a prompt and press Generate.
          </p>
        ) : (
          <div className="grid gap-4 sm:grid-cols-2">
            {generations.map((generation) => (
              <GenerationCard key={generation.id} initial={generation} onRetried={prepend} />
            ))}
          </div>
        )}
      </section>
    </div>
  );
}
