import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Every route handler goes through `route()` and every server action through a `validatedAction*`
// wrapper (lib/http/): that is where input is parsed, the user checked, bodies capped and errors
// shaped. A handler written by hand skips all of it without anyone noticing; this test notices.

const HTTP_METHODS = "GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS";
const ROUTE_HANDLER = new RegExp(`^export const (${HTTP_METHODS}) = route\\(`);
const ROUTE_CONFIG = /^export const (dynamic|revalidate|runtime|fetchCache|preferredRegion|maxDuration) = /;
// Forms posted through useActionState use the form-state flavour (lib/http/form-action.ts).
const WRAPPED_ACTION =
  /^export const \w+ = (validatedAction|validatedActionWithUser|validatedAdminAction|formAction|formActionWithUser)\(/;
const TYPE_ONLY = /^export (type|interface) /;

const exportLines = (source: string) => source.split("\n").filter((line) => line.startsWith("export"));

function routeExportProblems(source: string): string[] {
  const lines = exportLines(source);
  const problems = lines.filter((line) => !ROUTE_HANDLER.test(line) && !ROUTE_CONFIG.test(line));
  if (!lines.some((line) => ROUTE_HANDLER.test(line))) problems.push("no handler built with route(");
  return problems;
}

function actionExportProblems(source: string): string[] {
  return exportLines(source).filter((line) => !WRAPPED_ACTION.test(line) && !TYPE_ONLY.test(line));
}

const isServerActionFile = (source: string) => /^\s*["']use server["']/.test(source);

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((file) => path.join(dir, file).split(path.sep).join("/"))
    .filter((file) => fs.statSync(file).isFile());
}

const appFiles = filesUnder("app");
const read = (file: string) => fs.readFileSync(file, "utf8");

describe("the checks themselves", () => {
  it("accept handlers built with route() and refuse every other export", () => {
    expect(routeExportProblems('export const GET = route({ name: "x", auth: "public" }, f);')).toEqual([]);
    expect(
      routeExportProblems('export const GET = route(o, f);\nexport const dynamic = "force-dynamic";'),
    ).toEqual([]);
    for (const bad of [
      "export async function GET(request: Request) {",
      "export function POST() {",
      "export const { GET, POST } = handlers;",
      "export const GET = handler;",
      "export { GET } from './other';",
      "export default route(o, f);",
    ]) {
      expect(routeExportProblems(bad), bad).not.toEqual([]);
    }
  });

  it("accept actions built with validatedAction* and refuse plain async functions", () => {
    expect(actionExportProblems('"use server";\nexport const a = validatedAdminAction("a", s, f);')).toEqual(
      [],
    );
    expect(actionExportProblems("export type State = { ok: boolean };")).toEqual([]);
    expect(actionExportProblems('export const signInAction = formAction("sign in", s, f);')).toEqual([]);
    for (const bad of [
      "export async function signOutAction(): Promise<void> {",
      "export const a = async () => {};",
      "export const b = someOtherWrapper(s, f);",
      "export { a as b };",
    ]) {
      expect(actionExportProblems(bad), bad).not.toEqual([]);
    }
  });
});

describe("every route handler and server action in app/", () => {
  const routeFiles = appFiles.filter((file) => path.basename(file) === "route.ts");
  const actionFiles = appFiles.filter((file) => /\.tsx?$/.test(file) && isServerActionFile(read(file)));

  it("finds the routes and action files it is meant to guard", () => {
    expect(routeFiles.length).toBeGreaterThanOrEqual(12);
    expect(actionFiles).toEqual(
      expect.arrayContaining([
        "app/(studio)/actions.ts",
        "app/(auth)/actions.ts",
        "app/(studio)/admin/actions.ts",
      ]),
    );
  });

  it.each(routeFiles)("%s exports only handlers built with route()", (file) => {
    expect(routeExportProblems(read(file))).toEqual([]);
  });

  it.each(actionFiles)("%s exports only actions built with validatedAction* or formAction*", (file) => {
    expect(actionExportProblems(read(file))).toEqual([]);
  });
});
