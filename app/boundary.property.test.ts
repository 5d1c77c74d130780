import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { runGuarded } from "@/lib/auth/guard";
import { runResidentGuarded, type ResidentActor } from "@/lib/residents/guard";
import { createResidentSessionToken, residentCookieName } from "@/lib/residents/session";
import { createActor, createDepartment } from "@/lib/testing/factories";
import { createHousehold, createProgram, createResident } from "@/lib/testing/program-factories";

/**
 * Bad input anywhere: arbitrary strings (NUL, lone surrogates, control characters, huge or empty) and JSON shapes
 * through every route handler, every server action and every guarded operation, as a signed-in system
 * administrator and a signed-in resident. Never a 5xx, never a thrown action, and a refused call writes no row.
 */

// The request scope Next.js gives handlers and actions, played by the test: headers, cookies, after().
const request = { headers: new Headers(), cookies: new Map<string, string>() };
vi.mock("next/headers", () => ({
  headers: async () => {
    const sent = new Headers(request.headers);
    if (request.cookies.size > 0) sent.set("cookie", [...request.cookies].map(([name, value]) => `${name}=${value}`).join("; "));
    return sent;
  },
  cookies: async () => ({
    get: (name: string) => (request.cookies.has(name) ? { name, value: request.cookies.get(name)! } : undefined),
    getAll: () => [...request.cookies].map(([name, value]) => ({ name, value })),
    has: (name: string) => request.cookies.has(name),
    set: () => undefined,
    delete: () => undefined,
  }),
}));
vi.mock("next/server", async (importOriginal) => ({ ...(await importOriginal<object>()), after: () => undefined, connection: async () => undefined }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined, refresh: () => undefined, updateTag: () => undefined }));
let staffSession: { staffId: string } | null = null;
vi.mock("next-auth", async (importOriginal) => ({ ...(await importOriginal<object>()), getServerSession: async () => staffSession }));

const RUNS = Number(process.env.BOUNDARY_RUNS ?? 6);
const root = path.resolve(import.meta.dirname, "..");

function filesNamed(dir: string, test: (name: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "node_modules" ? [] : filesNamed(full, test);
    return test(name) && !name.endsWith(".test.ts") ? [full] : [];
  });
}

// Tables whose rows a refused call may still change: the append-only audit log (refusals are audited) and the
// rate-limit counters (every attempt counts).
const UNWATCHED = new Set(["audit_log", "rate_limit_windows", "__drizzle_migrations"]);
let fingerprintQuery = "";
/** Row count and the sum of row versions (xmin) of every watched table: any insert, update or delete changes it. */
async function fingerprint(): Promise<string> {
  const db = await getDb();
  if (!fingerprintQuery) {
    const tables = (await db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`)) as unknown as { rows?: { table_name: string }[] } & { table_name: string }[];
    const names = (tables.rows ?? tables).map((row) => row.table_name).filter((name) => !UNWATCHED.has(name));
    fingerprintQuery = names.map((name) => `select '${name}' as t, count(*)::text || ':' || coalesce(sum(xmin::text::bigint), 0)::text as v from "${name}"`).join(" union all ");
  }
  const result = (await db.execute(sql.raw(fingerprintQuery))) as unknown as { rows?: { t: string; v: string }[] } & { t: string; v: string }[];
  return (result.rows ?? result).map((row) => `${row.t}=${row.v}`).join(",");
}

/** Next's redirect(), notFound() and forbidden() end a request by throwing; they are answers, not failures. */
function isNextControlFlow(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && digest.startsWith("NEXT_");
}

let fixtureIds: string[] = [];
const nasty = fc.constantFrom("\u0000", "a\u0000b", "\uD800", "x\uDC00y", "\u0007", "\u001F", "\n", " ", "", "'; drop table staff; --", "%00", "\\u0000", "😀", "𠮷田", "a".repeat(5000));
const text = fc.oneof(fc.string({ unit: "binary", maxLength: 40 }), fc.string({ maxLength: 20 }), nasty, fc.uuid(), fc.nat({ max: 4 }).map((index) => fixtureIds[index] ?? ""));
const KEYS = [
  "programId", "filingId", "householdId", "representativeMemberId", "identityDocument", "resubmitFilingId", "staffId", "departmentId", "batchId",
  "keepFilingId", "closeFilingIds", "filingIds", "reason", "decision", "q", "cursor", "status", "name", "code", "site", "phone", "counterHours",
  "displayName", "loginId", "role", "active", "householdCode", "fileName", "referenceCode", "headBirthDate", "purpose", "returnTo", "idToken",
  "action", "actor", "entity", "entityId", "from", "to", "currentPassword", "newPassword", "confirmPassword", "maxItems", "threshold", "key",
  "type", "data", "text", "nonce", "entryId", "events", "templates", "pointsPerPerson", "referenceDate", "filingOpensAt", "filingClosesAt",
];
const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: text },
  { weight: 1, arbitrary: fc.array(text, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.oneof(fc.boolean(), fc.integer(), fc.double(), fc.constant(null)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);
const input: fc.Arbitrary<Record<string, unknown>> = fc.dictionary(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...KEYS) }, { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 8 }) }), value, { maxKeys: 8 });
const anyArgument: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: input },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: input.map((fields) => toFormData(fields)) },
);

function toFormData(fields: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const [key, item] of Object.entries(fields)) form.append(key, typeof item === "string" ? item : JSON.stringify(item) ?? "");
  return form;
}

let admin: { id: string };
let resident: ResidentActor;
let residentCookie: string;

beforeAll(async () => {
  const department = await createDepartment();
  admin = await createActor([{ departmentId: department.id, role: "system_admin" }]);
  const program = await createProgram({ departmentId: department.id });
  const household = await createHousehold({ programId: program.id });
  const created = await createResident();
  resident = { id: created.id, lineUserId: created.lineUserId, displayName: created.displayName };
  residentCookie = (await createResidentSessionToken(resident.id)).token;
  // Operations may deactivate or reset the staff they are given: never the signed-in administrator.
  const target = await createActor([{ departmentId: department.id, role: "viewer" }]);
  fixtureIds = [department.id, target.id, program.id, household.id, resident.id];
  Object.assign(idFor, {
    departmentId: () => department.id,
    staffId: () => target.id,
    programId: () => program.id,
    householdId: () => household.id,
    representativeMemberId: () => household.members[0]!.id,
  });
}, 120_000);

function signInAs(who: "staff" | "resident" | "nobody") {
  staffSession = who === "staff" ? { staffId: admin.id } : null;
  request.cookies = new Map(who === "resident" ? [[residentCookieName(), residentCookie]] : []);
  request.headers = new Headers({ "x-request-id": "boundary-test" });
}

const ROUTES = filesNamed(path.join(root, "app/api"), (name) => name === "route.ts")
  // next-auth reads the request scope through a CommonJS require that no test can stand in for; its own test
  // (app/api/auth/[...nextauth]/route.test.ts) and authorizeStaffCredentials' cover it.
  .filter((file) => !file.includes("[...nextauth]"));

describe.each(ROUTES.map((file) => [path.relative(root, file)]))("route handler %s", (file) => {
  const params = [...file.matchAll(/\[(\w+)\]/g)].map((match) => match[1]!);
  it("answers arbitrary params, search params and bodies without a 5xx, writing nothing when it refuses", async () => {
    const module = (await import(/* @vite-ignore */ path.join(root, file))) as Record<string, unknown>;
    const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((method) => typeof module[method] === "function");
    expect(methods.length).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...methods),
        fc.constantFrom("staff" as const, "resident" as const, "nobody" as const),
        fc.tuple(...params.map(() => text)),
        fc.dictionary(fc.oneof(fc.constantFrom(...KEYS, "household", "failureRate", "pageSize", "dir", "code", "state", "error"), fc.string({ maxLength: 6 })), fc.oneof(text, fc.string({ unit: "binary" }))),
        fc.oneof(fc.string({ unit: "binary", maxLength: 60 }), anyArgument.map((body) => JSON.stringify(body) ?? ""), nasty),
        async (method, who, paramValues, search, body) => {
          signInAs(who);
          const url = new URL(`http://localhost/${file}`);
          for (const [key, item] of Object.entries(search)) url.searchParams.append(key, item);
          const init: RequestInit = { method, headers: { "content-type": "application/json", "x-line-signature": "AAAA" } };
          if (method !== "GET") init.body = body;
          const before = await fingerprint();
          const response = await (module[method] as (r: Request, c: unknown) => Promise<Response>)(
            new NextRequest(url, init as ConstructorParameters<typeof NextRequest>[1]),
            { params: Promise.resolve(Object.fromEntries(params.map((name, index) => [name, paramValues[index]]))) },
          ).catch((error: unknown) => {
            if (isNextControlFlow(error)) return new Response(null, { status: 307 });
            throw error;
          });
          expect(response.status, `${method} ${url} → ${response.status}`).toBeLessThan(500);
          if (response.status >= 400) expect(await fingerprint(), `${method} ${url} refused but wrote`).toBe(before);
        },
      ),
      { numRuns: RUNS * methods.length },
    );
  });
});

const ACTION_FILES = filesNamed(path.join(root, "app"), (name) => name === "actions.ts").concat(filesNamed(path.join(root, "lib"), (name) => name === "actions.ts"));

describe.each(ACTION_FILES.map((file) => [path.relative(root, file)]))("server actions of %s", (file) => {
  it("never throw on arbitrary arguments, and a refusal writes nothing", async () => {
    const module = (await import(/* @vite-ignore */ path.join(root, file))) as Record<string, unknown>;
    const actions = Object.entries(module).filter(([, exported]) => typeof exported === "function") as [string, (...args: unknown[]) => Promise<unknown>][];
    expect(actions.length).toBeGreaterThan(0);
    for (const [name, action] of actions) {
      await fc.assert(
        fc.asyncProperty(anyArgument, async (argument) => {
          signInAs("staff");
          const before = await fingerprint();
          let outcome: unknown;
          try {
            outcome = await action(argument);
          } catch (error) {
            if (isNextControlFlow(error)) return;
            throw new Error(`${name} threw on ${JSON.stringify(argument)}: ${(error as Error).message}`);
          }
          if ((outcome as { ok?: boolean } | undefined)?.ok === false) expect(await fingerprint(), `${name} refused but wrote`).toBe(before);
        }),
        { numRuns: RUNS },
      );
    }
  });
});

const OPERATION_FILES = filesNamed(path.join(root, "lib"), (name) => name.endsWith(".ts")).filter((file) => !file.includes("/testing/"));

type ZodLike = { _zod: { def: Record<string, unknown> & { type: string } } };
const idFor: Record<string, () => string> = {};

/**
 * Inputs shaped like the operation's own schema (its keys, enum values and real ids of this test's records), each
 * field sometimes replaced by hostile text: random keys alone would seldom get past the first check of a schema.
 */
function shaped(schema: ZodLike, key = ""): fc.Arbitrary<unknown> {
  const def = schema._zod.def;
  const inner = (name: string) => shaped(def[name] as ZodLike, key);
  switch (def.type) {
    case "object": {
      const shape = def.shape as Record<string, ZodLike>;
      return fc.record(Object.fromEntries(Object.entries(shape).map(([name, field]) => [name, shaped(field, name)])));
    }
    case "pipe":
      return inner("in");
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
    case "nonoptional":
      return fc.oneof({ weight: 6, arbitrary: inner("innerType") }, { weight: 1, arbitrary: fc.constant(undefined) });
    case "intersection":
      return fc.tuple(inner("left"), inner("right")).map(([left, right]) => ({ ...(left as object), ...(right as object) }));
    case "union":
      return fc.oneof(...(def.options as ZodLike[]).map((option) => shaped(option, key)));
    case "enum":
      return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...Object.values(def.entries as Record<string, string>)) }, { weight: 1, arbitrary: text });
    case "literal":
      return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...(def.values as unknown[])) }, { weight: 1, arbitrary: text });
    case "array":
      return fc.array(shaped(def.element as ZodLike, key), { minLength: 1, maxLength: 3 });
    case "boolean":
      return fc.oneof({ weight: 4, arbitrary: fc.boolean() }, { weight: 1, arbitrary: value });
    case "number":
      return fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 200 }) }, { weight: 1, arbitrary: value });
    case "string": {
      const idLike = def.format === "uuid" || /Ids?$/.test(key);
      const real = fc.nat({ max: 100 }).map(() => (idFor[key.replace(/s$/, "")] ?? (() => fixtureIds[0]!))());
      if (idLike) return fc.oneof({ weight: 6, arbitrary: real }, { weight: 1, arbitrary: text });
      return fc.oneof({ weight: 3, arbitrary: nasty }, { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) }, { weight: 2, arbitrary: fc.string({ minLength: 2, maxLength: 20 }) });
    }
    default:
      return value;
  }
}

describe("guarded operations (defineOperation / defineResidentOperation)", () => {
  it("return a refusal, never throw, on arbitrary input shaped like theirs, and a refusal writes nothing", async () => {
    const operations: [string, { action: string; schema: unknown; run: unknown }][] = [];
    for (const file of OPERATION_FILES) {
      const source = await import("node:fs/promises").then((fs) => fs.readFile(file, "utf8"));
      if (!/define(Resident)?Operation\(/.test(source) || file.endsWith("operation.ts") || file.endsWith("residents/guard.ts")) continue;
      const module = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
      for (const [name, exported] of Object.entries(module)) {
        const spec = exported as { action?: unknown; schema?: unknown; run?: unknown } | null;
        if (spec && typeof spec === "object" && typeof spec.action === "string" && spec.schema && typeof spec.run === "function") {
          operations.push([`${path.relative(root, file)}#${name}`, spec as { action: string; schema: unknown; run: unknown }]);
        }
      }
    }
    expect(operations.length).toBeGreaterThan(30);
    const { PERMISSIONS } = await import("@/lib/auth/permissions");
    const { getStaffActorById } = await import("@/lib/auth/actor");
    for (const [name, spec] of operations) {
      const residentOperation = !(spec.action in PERMISSIONS);
      await fc.assert(
        fc.asyncProperty(fc.oneof({ weight: 4, arbitrary: shaped(spec.schema as ZodLike) }, { weight: 1, arbitrary: input }), async (data) => {
          // Loaded fresh each time, as the guard does per request (an operation may have changed the account).
          const actor = (await getStaffActorById(await getDb(), { staffId: admin.id }))!;
          const before = await fingerprint();
          let outcome: { ok: boolean };
          try {
            outcome = residentOperation
              ? await runResidentGuarded({ resident, requestId: "boundary-test" }, spec as never, data)
              : await runGuarded({ actor, requestId: "boundary-test" }, spec as never, data);
          } catch (error) {
            throw new Error(`${name} threw on ${JSON.stringify(data)}: ${(error as Error).message}`);
          }
          if (!outcome.ok) expect(await fingerprint(), `${name} refused but wrote`).toBe(before);
        }),
        { numRuns: RUNS * 2 },
      );
    }
  }, 900_000);
});
