import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Host-specific behaviour belongs in its adapter: everything outside lib/providers/ (and the
// simulator, which plays the hosts) must treat providers alike.

const ROOTS = ["app", "components", "lib", "db"];
const EXEMPT = [path.join("lib", "providers"), path.join("lib", "simulator")];
const HOSTS = "api-in-one|kie|ark|fal";
const BRANCHES = [
  new RegExp(`provider(Id)?\\s*[!=]==?\\s*["'\`](${HOSTS})["'\`]`, "i"),
  new RegExp(`["'\`](${HOSTS})["'\`]\\s*[!=]==?`),
  new RegExp(`case\\s+["'\`](${HOSTS})["'\`]\\s*:`),
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return EXEMPT.includes(file) ? [] : sourceFiles(file);
    return /\.(ts|tsx)$/.test(entry.name) ? [file] : [];
  });
}

describe("provider-specific branches", () => {
  it("appear nowhere outside lib/providers/", () => {
    const offenders = ROOTS.flatMap(sourceFiles).flatMap((file) =>
      fs
        .readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, index) =>
          BRANCHES.some((re) => re.test(line)) ? [`${file}:${index + 1}: ${line.trim()}`] : [],
        ),
    );
    expect(offenders).toEqual([]);
  });

  it("would catch one", () => {
    expect(BRANCHES.some((re) => re.test(`if (generation.provider === "kie") {`))).toBe(true);
    expect(BRANCHES.some((re) => re.test(`    case "fal":`))).toBe(true);
  });
});
