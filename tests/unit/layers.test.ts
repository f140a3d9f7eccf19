// The layers of docs/architecture.md, checked on the source: routes may move freely because
// nothing below app/ depends on them, and server actions have one home components may import.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

function sources(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (rel !== path.join("lib", "generated")) sources(rel, out);
    } else if (/\.tsx?$/.test(entry.name)) out.push(rel);
  }
  return out;
}

const importsOf = (file: string) => [...fs.readFileSync(path.join(ROOT, file), "utf8").matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1]);

describe("layers", () => {
  const components = sources("components");
  const lib = sources("lib");

  it("components and lib never import from app/ (routes)", () => {
    const offending = [...components, ...lib].filter((f) => importsOf(f).some((i) => i.startsWith("@/app/")));
    expect(components.length + lib.length).toBeGreaterThan(100);
    expect(offending).toEqual([]);
  });

  it("lib never imports components (the domain does not depend on the UI)", () => {
    expect(lib.filter((f) => importsOf(f).some((i) => i.startsWith("@/components/")))).toEqual([]);
  });

  it("server actions live in lib/actions/ and only there", () => {
    const all = [...sources("app"), ...components, ...lib];
    const withDirective = all.filter((f) => /^\s*["']use server["']/.test(fs.readFileSync(path.join(ROOT, f), "utf8")));
    expect(withDirective.length).toBeGreaterThan(5);
    expect(withDirective.filter((f) => !f.startsWith(path.join("lib", "actions") + path.sep))).toEqual([]);
    expect(sources(path.join("lib", "actions")).sort()).toEqual(withDirective.sort());
  });
});
