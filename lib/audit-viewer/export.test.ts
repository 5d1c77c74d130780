import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { auditLog } from "@/db/schema/audit";
import type { StaffActor } from "@/lib/auth/permissions";
import { createActor, createDepartment, uniqueSuffix } from "@/lib/testing/factories";
import { createAuditCsvStream, csvField, csvLine, UTF8_BOM } from "./csv";
import { respondWithAuditExport } from "./export";

const ENTITY = `xtest_${uniqueSuffix()}`;
let admin: StaffActor;
let deptAdmin: StaffActor;

/** A minimal RFC 4180 reader, to check that what we write reads back to the same values. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  if (field !== "" || row.length > 0) throw new Error(`unterminated last line: ${JSON.stringify(field)}`);
  return rows;
}

async function exportOf(actor: StaffActor | null, query: Record<string, string>, requestId = `req-${uniqueSuffix()}`, chunkSize?: number) {
  const response = await respondWithAuditExport({ actor, requestId }, new URLSearchParams(query), { chunkSize });
  return { response, requestId };
}

async function readChunks(response: Response): Promise<Uint8Array[]> {
  const reader = response.body!.getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

beforeAll(async () => {
  const department = await createDepartment();
  admin = await createActor([{ departmentId: department.id, role: "system_admin" }]);
  deptAdmin = await createActor([{ departmentId: department.id, role: "dept_admin" }]);
  const db = await getDb();
  await db.insert(auditLog).values([
    {
      actorType: "staff",
      actorId: admin.id,
      actorLabel: "山田, \"はなこ\"",
      action: "staff.create",
      entity: ENTITY,
      entityId: "row-1",
      departmentId: department.id,
      requestId: "r-1",
      at: new Date("2026-04-01T00:30:00Z"),
      after: { note: "一行目\n二行目, \"引用\"", points: 10000 },
    },
    {
      actorType: "anonymous",
      actorId: null,
      actorLabel: "=HYPERLINK(\"http://evil.example\")",
      action: "auth.login_failed",
      entity: ENTITY,
      entityId: "row-2",
      requestId: null,
      at: new Date("2026-04-02T00:30:00Z"),
    },
    ...Array.from({ length: 5 }, (_, i) => ({
      actorType: "system" as const,
      actorId: null,
      actorLabel: "batch",
      action: "seed.demo",
      entity: ENTITY,
      entityId: `bulk-${i}`,
      requestId: null,
      at: new Date(`2026-04-1${i}T00:00:00Z`),
    })),
  ]);
});

describe("CSV fields", () => {
  it("quote commas, quotes and line breaks, double the quotes, and leave plain text alone", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("line1\nline2")).toBe('"line1\nline2"');
    expect(csvField("cr\r\nlf")).toBe('"cr\r\nlf"');
    expect(csvField(null)).toBe("");
    expect(csvField(42)).toBe("42");
    expect(csvLine(["a", null, "b,c"])).toBe('a,,"b,c"\r\n');
  });

  it("defuse cells Excel would run as formulas", () => {
    expect(csvField("=1+1")).toBe("'=1+1");
    expect(csvField("+81")).toBe("'+81");
    expect(csvField("-2")).toBe("'-2");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });
});

describe("the CSV stream", () => {
  it("fails the download, not silently truncates it, when a chunk cannot be read", async () => {
    let calls = 0;
    const stream = createAuditCsvStream({
      chunkSize: 1,
      fetchChunk: async () => {
        calls++;
        if (calls === 2) throw new Error("connection lost");
        return [{ id: 1, at: new Date("2026-04-01T00:00:00Z"), actorType: "system", actorId: null, actorLabel: "x", action: "seed.demo", entity: "system", entityId: null, departmentId: null, departmentName: null, requestId: null, before: null, after: null }];
      },
    });
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    await expect(new Response(stream).text()).rejects.toThrow("connection lost");
    expect(errors).toHaveBeenCalledOnce();
    errors.mockRestore();
  });
});

describe("GET /api/admin/audit/export", () => {
  it("streams a UTF-8 CSV with a BOM, a header, and the filtered entries, escaped", async () => {
    const { response } = await exportOf(admin, { entity: ENTITY, action: "staff.create" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-log-\d{8}\.csv"/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual([
      "番号", "日時（日本時間）", "日時（和暦）", "操作者の種類", "操作者ID", "操作者", "操作", "操作名",
      "対象の種類", "対象ID", "部署ID", "部署", "リクエストID", "変更前", "変更後",
    ]);
    expect(rows).toHaveLength(2);
    const [, row] = rows;
    expect(row!.slice(1, 10)).toEqual([
      "2026-04-01 09:30:00",
      "令和8年4月1日 09:30:00",
      "職員",
      admin.id,
      '山田, "はなこ"',
      "staff.create",
      "職員アカウントの作成",
      ENTITY,
      "row-1",
    ]);
    expect(row![11]).toMatch(/^テスト課/);
    expect(row![13]).toBe("");
    expect(JSON.parse(row![14]!)).toEqual({ note: "一行目\n二行目, \"引用\"", points: 10000 });
  });

  it("defuses formula-like labels", async () => {
    const { response } = await exportOf(admin, { entity: ENTITY, entityId: "row-2" });
    const rows = parseCsv((await response.text()).replace(/^\uFEFF/, ""));
    expect(rows[1]![5]).toBe("'=HYPERLINK(\"http://evil.example\")");
  });

  it("streams in chunks (keyset paging), in recording order, with every entry exactly once", async () => {
    const { response } = await exportOf(admin, { entity: ENTITY, dir: "asc" }, undefined, 2);
    const chunks = await readChunks(response);
    // header, then ceil(7 / 2) = 4 chunks of rows
    expect(chunks.length).toBe(5);
    const text = new TextDecoder().decode(Buffer.concat(chunks));
    const rows = parseCsv(text.replace(/^\uFEFF/, "")).slice(1);
    expect(rows.map((r) => r[9])).toEqual(["row-1", "row-2", "bulk-0", "bulk-1", "bulk-2", "bulk-3", "bulk-4"]);
    const numbers = rows.map((r) => Number(r[0]));
    expect([...numbers].sort((a, b) => a - b)).toEqual(numbers);
  });

  it("is audited: one audit.export entry by the admin with the filters and row count", async () => {
    const { response, requestId } = await exportOf(admin, { entity: ENTITY, from: "2026-04-01", to: "2026-04-30" });
    await response.arrayBuffer();
    const db = await getDb();
    const entries = await db.select().from(auditLog).where(eq(auditLog.requestId, requestId));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorType: "staff",
      actorId: admin.id,
      action: "audit.export",
      entity: "audit_log",
      after: expect.objectContaining({ rows: 7, format: "csv", filters: expect.objectContaining({ entity: ENTITY, from: "2026-04-01" }) }),
    });
  });

  it("does not include the export's own entry or anything recorded after it started", async () => {
    const { response, requestId } = await exportOf(admin, { action: "audit.export", dir: "desc" });
    const db = await getDb();
    await db.insert(auditLog).values({ actorType: "system", action: "audit.export", entity: ENTITY, entityId: "late" });
    const rows = parseCsv((await response.text()).replace(/^\uFEFF/, "")).slice(1);
    const [own] = await db.select().from(auditLog).where(eq(auditLog.requestId, requestId));
    const exported = rows.map((r) => r[0]);
    expect(exported).not.toContain(String(own!.id));
    expect(rows.map((r) => r[9])).not.toContain("late");
  });

  it("answers 403 as JSON to a department admin, and writes nothing", async () => {
    const { response, requestId } = await exportOf(deptAdmin, { entity: ENTITY });
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ error: "この操作を行う権限がありません。" });
    const db = await getDb();
    expect(await db.select().from(auditLog).where(eq(auditLog.requestId, requestId))).toHaveLength(0);
  });

  it("answers 401 as JSON when signed out, and 400 with field errors for bad filters", async () => {
    const signedOut = await exportOf(null, {});
    expect(signedOut.response.status).toBe(401);
    expect(await signedOut.response.json()).toEqual({ error: "ログインしてください。" });
    const bad = await exportOf(admin, { from: "2026-13-01" });
    expect(bad.response.status).toBe(400);
    expect(await bad.response.json()).toMatchObject({ fieldErrors: { from: ["開始日に存在しない日付が指定されています"] } });
  });
});
