// The lockfile must install with `npm ci` on Linux, macOS and Windows, and `npm install` must leave it as is.
// npm drops other platforms' optional builds (@next/swc-*, @tailwindcss/oxide-*, …) when it resolves next to a
// node_modules that lacks them, so both commands resolve in a scratch folder that holds only the manifests.
//   node scripts/lockfile.mjs fix    rewrite package-lock.json (keeps every locked version, adds what is missing)
//   node scripts/lockfile.mjs check  fail when the lockfile would change or a platform build is missing (CI)
// Plain Node with no dependencies: it runs before `npm ci`, on any OS.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The platforms developers and servers run: every native package must have a build for each. */
export const TARGETS = [
  { os: "linux", cpu: "x64" },
  { os: "linux", cpu: "arm64" },
  { os: "darwin", cpu: "x64" },
  { os: "darwin", cpu: "arm64" },
  { os: "win32", cpu: "x64" },
  { os: "win32", cpu: "arm64" },
];

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const LOCKFILE = join(root, "package-lock.json");

/** Resolves the lockfile in a scratch folder without node_modules and returns its text. */
function resolveLockfile() {
  const scratch = mkdtempSync(join(tmpdir(), "yakuba-lockfile-"));
  try {
    for (const name of ["package.json", "package-lock.json", ".npmrc"]) {
      if (existsSync(join(root, name))) copyFileSync(join(root, name), join(scratch, name));
    }
    execFileSync("npm", ["install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], {
      cwd: scratch,
      stdio: ["ignore", "inherit", "inherit"],
      shell: process.platform === "win32",
    });
    return readFileSync(join(scratch, "package-lock.json"), "utf8");
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function matches(list, value) {
  if (!list || list.length === 0) return true;
  if (list.includes(`!${value}`)) return false;
  const allowed = list.filter((item) => !item.startsWith("!"));
  return allowed.length === 0 || allowed.includes(value);
}

/** Where Node would find `name` from the package at `from` (a lockfile key), or undefined. */
function locate(packages, from, name) {
  let base = from;
  for (;;) {
    const key = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[key]) return key;
    if (!base) return undefined;
    const cut = base.lastIndexOf("/node_modules/");
    base = cut === -1 ? "" : base.slice(0, cut);
  }
}

/** Problems of a parsed lockfile: declared optional builds that are absent, platforms with no build. */
export function platformProblems(lock) {
  const packages = lock.packages ?? {};
  const problems = [];
  for (const [key, entry] of Object.entries(packages)) {
    const optional = Object.keys(entry.optionalDependencies ?? {});
    if (optional.length === 0) continue;
    const owner = key || "(root)";
    const found = [];
    for (const name of optional) {
      const at = locate(packages, key, name);
      if (at) found.push(packages[at]);
      else problems.push(`${owner}: optional dependency ${name} is not in the lockfile`);
    }
    // A set of per-platform builds (several OSes) of a portable package; fsevents-like single-OS extras are not.
    const native = found.filter((dep) => dep.os || dep.cpu);
    const oses = new Set(native.flatMap((dep) => dep.os ?? []));
    if (entry.os || entry.cpu || oses.size < 2) continue;
    for (const target of TARGETS) {
      const built = native.some((dep) => matches(dep.os, target.os) && matches(dep.cpu, target.cpu));
      if (!built) problems.push(`${owner}: no build for ${target.os}-${target.cpu}`);
    }
  }
  return problems;
}

function changedEntries(before, after) {
  const a = before.packages ?? {};
  const b = after.packages ?? {};
  const lines = [];
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (JSON.stringify(a[key]) === JSON.stringify(b[key])) continue;
    lines.push(`  ${key || "(root)"}: ${a[key]?.version ?? (a[key] ? "changed" : "absent")} → ${b[key]?.version ?? (b[key] ? "changed" : "absent")}`);
  }
  return lines;
}

function main(command) {
  if (command === "fix") {
    const text = resolveLockfile();
    writeFileSync(LOCKFILE, text);
    const problems = platformProblems(JSON.parse(text));
    if (problems.length > 0) {
      console.error(`package-lock.json was rewritten but is still incomplete:\n${problems.join("\n")}`);
      process.exit(1);
    }
    console.log("package-lock.json is complete for every platform (commit it with package.json)");
    return;
  }
  if (command === "check") {
    const committed = readFileSync(LOCKFILE, "utf8");
    const lock = JSON.parse(committed);
    const problems = platformProblems(lock);
    const resolved = resolveLockfile();
    if (resolved !== committed) {
      const changes = changedEntries(lock, JSON.parse(resolved));
      problems.push(`npm install would change package-lock.json${changes.length ? `:\n${changes.slice(0, 40).join("\n")}` : " (formatting)"}`);
    }
    if (problems.length > 0) {
      console.error(`lockfile check failed:\n${problems.join("\n")}\nRun \`npm run lockfile:fix\` and commit package-lock.json.`);
      process.exit(1);
    }
    console.log(`lockfile check: in sync with package.json, builds for ${TARGETS.map((t) => `${t.os}-${t.cpu}`).join(", ")}`);
    return;
  }
  console.error("usage: node scripts/lockfile.mjs fix|check");
  process.exit(2);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main(process.argv[2]);
