import { benchSubmits, writeSubmitsSection } from "./submits-bench";

// `npm run bench:submits`: submits per second with spending limits on and off; updates its own
// section of docs/benchmarks.md and leaves the rest of the file alone.
const results = await benchSubmits();
console.log(JSON.stringify(results, null, 2));
writeSubmitsSection(results);
console.log("written to docs/benchmarks.md");
