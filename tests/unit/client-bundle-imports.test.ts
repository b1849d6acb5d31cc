import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// What the browser downloads is decided by imports: one careless import of full zod, of a
// server-only module or of the virtual list puts kilobytes on pages that never use them, and no
// other test notices. This walks the import graph of our client modules the way the bundler does
// (a "use server" module becomes a reference, `import()` becomes a chunk loaded on demand).

const EXTENSIONS = [".ts", ".tsx", "/index.ts", "/index.tsx"];
const STATIC_IMPORT = /^\s*(?:import|export)\s+(type\s+)?(?:([^;"'`]*?)\s+from\s+)?["']([^"']+)["']/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*["']([^"']+)["']\s*\)/g;

const read = (file: string) => fs.readFileSync(file, "utf8");
const directive = (source: string, name: string) => new RegExp(`^\\s*["']${name}["']`).test(source);

function resolveLocal(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? specifier.slice(2)
    : specifier.startsWith(".")
      ? path.join(path.dirname(from), specifier)
      : null;
  if (base === null) return null;
  for (const candidate of [base, ...EXTENSIONS.map((ext) => base + ext)]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile())
      return candidate.split(path.sep).join("/");
  }
  throw new Error(`${from}: cannot resolve ${specifier}`);
}

/** Value imports only: `import type` and `import { type A, type B }` leave nothing in the bundle. */
function importsOf(source: string): { eager: string[]; lazy: string[] } {
  const eager: string[] = [];
  for (const match of source.matchAll(STATIC_IMPORT)) {
    const [, typeOnly, clause, specifier] = match;
    if (typeOnly || !specifier) continue;
    const names = clause?.match(/^\{([\s\S]*)\}$/)?.[1];
    const allTypes = names
      ?.split(",")
      .map((name) => name.trim())
      .filter(Boolean)
      .every((name) => name.startsWith("type "));
    if (!allTypes) eager.push(specifier);
  }
  const lazy = [...source.matchAll(DYNAMIC_IMPORT)].flatMap(([, specifier]) =>
    specifier ? [specifier] : [],
  );
  return { eager, lazy };
}

interface Reach {
  modules: Set<string>;
  packages: Set<string>;
}

/** Every module and package `roots` pull in; `followLazy` adds what they load on demand. */
function reach(roots: string[], followLazy: boolean): Reach {
  const modules = new Set<string>();
  const packages = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (modules.has(file)) continue;
    modules.add(file);
    const source = read(file);
    // A server action's module stays on the server; the browser gets a reference to call it by.
    if (directive(source, "use server")) continue;
    const { eager, lazy } = importsOf(source);
    for (const specifier of followLazy ? [...eager, ...lazy] : eager) {
      const local = resolveLocal(file, specifier);
      if (local) queue.push(local);
      else packages.add(specifier);
    }
  }
  return { modules, packages };
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((file) => path.join(dir, file).split(path.sep).join("/"))
    .filter((file) => /\.tsx?$/.test(file) && fs.statSync(file).isFile());
}

const clientModules = [...filesUnder("app"), ...filesUnder("components"), ...filesUnder("lib")].filter(
  (file) => directive(read(file), "use client"),
);

/** The client modules a page renders straight away (what its first load carries). */
const LAYOUT = [
  "components/theme/theme-select.tsx",
  "components/providers.tsx",
  "components/studio/site-menu.tsx",
  "components/studio/sign-out-button.tsx",
  "components/references/global-drop-zone.tsx",
  "components/generations/generation-events.tsx",
];
const firstLoad = (page: string) => reach([page, ...LAYOUT], false);

describe("the import walk itself", () => {
  it("keeps value imports and drops type-only ones", () => {
    const { eager, lazy } = importsOf(
      [
        'import { z } from "zod";',
        'import type { A } from "./a";',
        'import { type B, type C } from "./b";',
        'import { type D, e } from "./d";',
        'import "./side-effect.css";',
        'export { f } from "./f";',
        'const G = dynamic(() => import("./g"));',
      ].join("\n"),
    );
    expect(eager).toEqual(["zod", "./d", "./side-effect.css", "./f"]);
    expect(lazy).toEqual(["./g"]);
  });

  it("finds the client modules", () => {
    expect(clientModules).toContain("components/studio/studio.tsx");
    expect(clientModules.length).toBeGreaterThan(30);
  });
});

/** zod's mini build under each name it is published as; every other entry point is full zod (or its locales). */
const ZOD_MINI = new Set(["zod/mini", "zod/v4/mini", "zod/v4-mini"]);
const isFullZod = (specifier: string) => /^zod($|\/)/.test(specifier) && !ZOD_MINI.has(specifier);

/** The package a specifier names (`@scope/name/sub` → `@scope/name`), for reading its package.json. */
const packageName = (specifier: string) =>
  specifier
    .split("/")
    .slice(0, specifier.startsWith("@") ? 2 : 1)
    .join("/");

/** Packages (other than zod) whose own dependencies bring zod, full, into whatever imports them. */
function dependsOnZod(specifier: string): boolean {
  const name = packageName(specifier);
  if (name === "zod") return false;
  const manifest = JSON.parse(read(path.join("node_modules", name, "package.json"))) as Record<
    string,
    Record<string, string> | undefined
  >;
  return ["dependencies", "peerDependencies"].some((field) => manifest[field]?.zod !== undefined);
}

describe("what the browser is sent", () => {
  const everything = reach([...clientModules, "instrumentation-client.ts"], true);

  it("recognises full zod under each of its names", () => {
    expect(
      ["zod", "zod/v4", "zod/v3", "zod/v4/classic", "zod/locales", "zod/v4/locales/en"].filter(isFullZod),
    ).toHaveLength(6);
    expect(["zod/mini", "zod/v4/mini", "zod/v4-mini", "zodiac"].filter(isFullZod)).toEqual([]);
  });

  it("never full zod (by any entry point, or through a package that depends on it) or a server-only module, eager or on demand", () => {
    const packages = [...everything.packages];
    expect(packages.filter(isFullZod)).toEqual([]);
    expect(packages.filter((name) => !name.startsWith("node:") && dependsOnZod(name))).toEqual([]);
    expect(packages.filter((name) => name === "server-only" || name.startsWith("node:"))).toEqual([]);
  });

  it("nothing of ours on the public share page: its route writes HTML and reaches no client module", () => {
    const { modules } = reach(["app/s/[token]/route.ts"], true);
    expect(modules).toContain("app/s/[token]/share-document.tsx");
    expect([...modules].filter((file) => directive(read(file), "use client"))).toEqual([]);
    expect(fs.existsSync("app/s/[token]/page.tsx")).toBe(false);
  });

  it("no zod at all on every page's shared part (the root layout's client code)", () => {
    const { packages } = reach(["components/theme/theme-select.tsx", "instrumentation-client.ts"], true);
    expect([...packages].filter((name) => name.startsWith("zod"))).toEqual([]);
  });

  it("the virtual list only with the gallery", () => {
    expect(firstLoad("components/gallery/gallery.tsx").packages).toContain("@tanstack/react-virtual");
    for (const page of ["components/studio/studio.tsx", "components/generations/generation-detail.tsx"]) {
      expect(firstLoad(page).packages, page).not.toContain("@tanstack/react-virtual");
    }
  });

  it("the viewer, the menu and the dialogs a person opens load when opened, not with the page", () => {
    const deferred = [
      "components/gallery/lightbox.tsx",
      "components/gallery/image-menu.tsx",
      "components/gallery/shortcuts-dialog.tsx",
      "components/collections/boards-dialog.tsx",
      "components/collections/manage-boards-dialog.tsx",
      "components/generations/compare-slider.tsx",
    ];
    for (const page of [
      "components/studio/studio.tsx",
      "components/gallery/gallery.tsx",
      "components/generations/generation-detail.tsx",
    ]) {
      const { modules } = firstLoad(page);
      expect(
        deferred.filter((file) => modules.has(file)),
        page,
      ).toEqual([]);
      // ...and the viewer's are still there, one `import()` away.
      const all = reach([page], true).modules;
      expect(
        deferred.slice(0, 4).filter((file) => !all.has(file)),
        page,
      ).toEqual([]);
    }
  });
});
