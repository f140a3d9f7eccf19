// Finds every route handler and server action module in app/, for tests that must cover them all.
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

function walk(dir: string, match: (f: string) => boolean, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p, match, out);
    else if (match(entry.name)) out.push(p);
  }
  return out;
}

export interface RouteFile {
  file: string;
  /** "/api/v1/users/[id]" */
  pattern: string;
  params: string[];
}

export function apiRouteFiles(): RouteFile[] {
  return walk(path.join(ROOT, "app", "api", "v1"), (f) => f === "route.ts").map((file) => {
    const pattern = "/" + path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep).join("/");
    const params = [...pattern.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]);
    return { file, pattern, params };
  });
}

/** Server action modules: `actions.ts` beside pages in app/, and every module in lib/actions/. */
export function actionFiles(): string[] {
  const shared = path.join(ROOT, "lib", "actions");
  return [...walk(path.join(ROOT, "app"), (f) => f === "actions.ts"), ...(fs.existsSync(shared) ? walk(shared, (f) => f.endsWith(".ts")) : [])];
}

export function pageFiles(under: string): string[] {
  return walk(path.join(ROOT, "app", under), (f) => f === "page.tsx");
}

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
