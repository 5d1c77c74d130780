import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The layering of lib/: platform → integrations → services → composition. A domain imports only its own tier or
 * lower ones, and no two domains import each other, directly or around a loop. Tests and test helpers are exempt.
 */
const TIERS: Record<string, number> = {
  // platform
  "db-errors": 0, validation: 0, config: 0, dates: 0, matching: 0, i18n: 0, http: 0, "rate-limit": 0, audit: 0, auth: 0, letters: 0, jobs: 0,
  // integrations, and the resident identity they attach to
  line: 1, jpki: 1, payments: 1, residents: 1,
  // services
  review: 2, departments: 2, staff: 2, roster: 2, programs: 2, filings: 2, grants: 2, forms: 2, segments: 2, reservations: 2, "audit-viewer": 2, applications: 2, inbox: 2,
  // composition: wiring the services together, demo data
  services: 3, seed: 3, testing: 3,
};
const LIB = path.resolve(__dirname);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "testing" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !/(test-helpers|testing)\.ts$/.test(name) ? [full] : [];
  });
}

const domainOf = (file: string) => path.relative(LIB, file).split(path.sep)[0]!.replace(/\.tsx?$/, "");

function importEdges(): { from: string; to: string; file: string }[] {
  return sourceFiles(LIB).flatMap((file) => {
    const from = domainOf(file);
    const text = readFileSync(file, "utf8");
    return [...text.matchAll(/(?:from|import)\s*\(?\s*["']@\/lib\/([^/"']+)/g)]
      .map((match) => ({ from, to: match[1]!.replace(/\.tsx?$/, ""), file: path.relative(LIB, file) }))
      .filter((edge) => edge.to !== edge.from);
  });
}

describe("lib/ layering", () => {
  const edges = importEdges();

  it("every domain has a tier", () => {
    const domains = new Set(edges.flatMap((edge) => [edge.from, edge.to]));
    expect([...domains].filter((domain) => TIERS[domain] === undefined)).toEqual([]);
  });

  it("no domain imports a higher tier", () => {
    const upward = edges.filter((edge) => (TIERS[edge.to] ?? 0) > (TIERS[edge.from] ?? 0)).map((edge) => `${edge.file} → ${edge.to}`);
    expect(upward).toEqual([]);
  });

  it("no import cycles between domains", () => {
    const graph = new Map<string, Set<string>>();
    for (const edge of edges) graph.set(edge.from, (graph.get(edge.from) ?? new Set()).add(edge.to));
    const reaches = (start: string, target: string): boolean => {
      const seen = new Set<string>();
      const stack = [...(graph.get(start) ?? [])];
      while (stack.length > 0) {
        const next = stack.pop()!;
        if (next === target) return true;
        if (seen.has(next)) continue;
        seen.add(next);
        stack.push(...(graph.get(next) ?? []));
      }
      return false;
    };
    const cyclic = [...new Set(edges.filter((edge) => reaches(edge.to, edge.from)).map((edge) => `${edge.file} → ${edge.to}`))];
    expect(cyclic).toEqual([]);
  });
});
