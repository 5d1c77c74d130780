import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { auditLog } from "@/db/schema/audit";
import { formAttachments } from "@/db/schema/form-attachments";
import { formSubmissions } from "@/db/schema/forms";
import { resetConfigCache } from "@/lib/config/env";
import { runResidentGuarded } from "@/lib/residents/guard";
import { createResidentSessionToken, residentCookieName } from "@/lib/residents/session";
import { createActor, createDepartment } from "@/lib/testing/factories";
import { createLiveForm, createResidentIn } from "@/lib/testing/form-factories";
import { respondWithAttachment } from "./attachment-download";
import { EICAR, SimulatorScanner } from "./attachment-scan";
import { FileSystemAttachmentStore } from "./attachment-store";
import { uploadAttachment } from "./attachments";
import type { FormDefinitionInput } from "./definition";
import { saveDraftAnswersOperation, startOrResumeDraftOperation } from "./drafts";
import { submitDraftOperation } from "./submissions";

// The route reads the session cookie and client address through next/headers, as in a request.
const request = { cookie: "", lang: "", address: "192.0.2.10" };
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (name === residentCookieName() && request.cookie ? { name, value: request.cookie } : name === "yakuba_lang" && request.lang ? { name, value: request.lang } : undefined),
  }),
  headers: async () => new Headers({ "x-forwarded-for": request.address, cookie: [request.cookie && `${residentCookieName()}=${request.cookie}`, request.lang && `yakuba_lang=${request.lang}`].filter(Boolean).join("; ") }),
}));

const label = (ja: string) => ({ ja });
const WITH_FILES: FormDefinitionInput = {
  title: label("添付のある届出"),
  identity: "none",
  payment: { timing: "none" },
  pages: [
    { id: "docs", questions: [{ id: "doc", type: "file", label: label("本人確認書類"), accept: ["application/pdf", "image/png"], maxBytes: 4096 }] },
    { id: "more", questions: [{ id: "photo", type: "file", required: false, label: label("写真"), accept: ["image/png"], maxBytes: 4096 }, { id: "note", type: "short_text", label: label("メモ") }] },
  ],
};

const PDF = new Uint8Array(Buffer.from("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n", "latin1"));
const INFECTED = new Uint8Array(Buffer.from(`%PDF-1.4\n${EICAR}\n%%EOF\n`, "latin1"));
const pdf = (data = PDF, name = "本人確認書類.pdf", type = "application/pdf") => new File([data as Uint8Array<ArrayBuffer>], name, { type });

let departmentId: string;
let form: { id: string; code: string };
let dir: string;
let store: FileSystemAttachmentStore;
const scanner = new SimulatorScanner();
beforeAll(async () => {
  departmentId = (await createDepartment()).id;
  form = await createLiveForm(departmentId, WITH_FILES);
  dir = await mkdtemp(path.join(tmpdir(), "yakuba-attachments-"));
  store = new FileSystemAttachmentStore(dir);
  vi.stubEnv("ATTACHMENT_DIR", dir);
  resetConfigCache();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  resetConfigCache();
  await rm(dir, { recursive: true, force: true });
});

async function residentWithDraft(locale: "ja" | "ja-easy" | "en" = "ja") {
  const { resident, context } = await createResidentIn(locale);
  const started = await runResidentGuarded(context, startOrResumeDraftOperation, { formId: form.id });
  if (!started.ok) throw new Error(started.error);
  return { resident: context.resident, context, draftId: started.data.draft.id, lineUserId: resident.lineUserId };
}

async function storedFiles(): Promise<string[]> {
  const dirs = await readdir(dir).catch(() => []);
  return (await Promise.all(dirs.map(async (d) => (await readdir(path.join(dir, d))).map((f) => `${d}/${f}`)))).flat();
}

describe("uploading an attachment", () => {
  it("keeps a clean PDF outside the row (bytes in the store, metadata and hash in form_attachments), audited", async () => {
    const { resident, draftId } = await residentWithDraft();
    const result = await uploadAttachment(resident, { draftId, questionId: "doc", file: pdf() }, { scanner, store });
    expect(result).toMatchObject({ ok: true, data: { name: "本人確認書類.pdf", size: PDF.length, type: "application/pdf" } });
    if (!result.ok) return;
    const db = await getDb();
    const [row] = await db.select().from(formAttachments).where(eq(formAttachments.id, result.data.id));
    expect(row).toMatchObject({ residentId: resident.id, formId: form.id, questionId: "doc", scanStatus: "clean", contentType: "application/pdf" });
    expect(row!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Buffer.compare(Buffer.from((await store.get(row!.storageKey))!), Buffer.from(PDF))).toBe(0);
    expect(await db.select().from(auditLog).where(and(eq(auditLog.action, "form.attachment_upload"), eq(auditLog.entityId, row!.id)))).toHaveLength(1);
  });

  it("refuses the EICAR test file as infected: no row, no bytes kept, one audit entry", async () => {
    const { resident, draftId } = await residentWithDraft();
    const before = await storedFiles();
    expect(await uploadAttachment(resident, { draftId, questionId: "doc", file: pdf(INFECTED, "eicar.pdf") }, { scanner, store })).toEqual({ ok: false, status: 422, code: "infected" });
    const db = await getDb();
    expect(await db.select().from(formAttachments).where(eq(formAttachments.residentId, resident.id))).toHaveLength(0);
    expect(await storedFiles()).toEqual(before);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, "form.attachment_refused"), eq(auditLog.entityId, draftId)));
    expect(audit!.after).toMatchObject({ questionId: "doc", signature: "Eicar-Test-Signature" });
  });

  it("refuses a wrong type, a file over the question's limit, a question that takes no file, and another resident's draft", async () => {
    const { resident, draftId } = await residentWithDraft();
    const other = await residentWithDraft();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    expect(await uploadAttachment(resident, { draftId, questionId: "photo", file: pdf() }, { scanner, store })).toMatchObject({ ok: false, code: "wrong_type" });
    expect(await uploadAttachment(resident, { draftId, questionId: "doc", file: pdf(png, "photo.pdf") }, { scanner, store })).toMatchObject({ ok: false, code: "wrong_type" });
    const big = new Uint8Array(4097);
    big.set(PDF);
    expect(await uploadAttachment(resident, { draftId, questionId: "doc", file: pdf(big) }, { scanner, store })).toMatchObject({ ok: false, status: 413, code: "too_big" });
    expect(await uploadAttachment(resident, { draftId, questionId: "note", file: pdf() }, { scanner, store })).toMatchObject({ ok: false, code: "not_a_file_question" });
    expect(await uploadAttachment(resident, { draftId: other.draftId, questionId: "doc", file: pdf() }, { scanner, store })).toMatchObject({ ok: false, code: "not_a_file_question" });
    expect(await uploadAttachment(resident, { draftId, questionId: "doc", file: pdf() }, { scanner: null, store })).toMatchObject({ ok: false, status: 503, code: "scan_unavailable" });
    const db = await getDb();
    expect(await db.select().from(formAttachments).where(eq(formAttachments.residentId, resident.id))).toHaveLength(0);
  });
});

describe("a file answer on filing", () => {
  it("accepts only the resident's own clean attachment uploaded for that question; the stored name and size win", async () => {
    const mine = await residentWithDraft();
    const other = await residentWithDraft();
    const own = await uploadAttachment(mine.resident, { draftId: mine.draftId, questionId: "doc", file: pdf() }, { scanner, store });
    const theirs = await uploadAttachment(other.resident, { draftId: other.draftId, questionId: "doc", file: pdf() }, { scanner, store });
    if (!own.ok || !theirs.ok) throw new Error("upload failed");
    const submit = async (doc: unknown) => {
      await runResidentGuarded(mine.context, saveDraftAnswersOperation, { draftId: mine.draftId, answers: { doc, note: "よろしく" }, pageId: "more" });
      return runResidentGuarded(mine.context, submitDraftOperation, { draftId: mine.draftId, locale: "ja" });
    };
    // Another resident's file, a made-up id, and my file answered for another question are refused, naming the question.
    expect(await submit({ fileId: theirs.data.id, name: "x.pdf", size: 10, type: "application/pdf" })).toMatchObject({ ok: false, status: 400, fieldErrors: { doc: ["「本人確認書類」のファイルを添付し直してください"] } });
    expect(await submit({ fileId: "00000000-0000-4000-8000-000000000000", name: "x.pdf", size: 10, type: "application/pdf" })).toMatchObject({ ok: false });
    await runResidentGuarded(mine.context, saveDraftAnswersOperation, { draftId: mine.draftId, answers: { doc: { fileId: own.data.id }, photo: { fileId: own.data.id }, note: "x" }, pageId: "more" });
    expect(await runResidentGuarded(mine.context, submitDraftOperation, { draftId: mine.draftId, locale: "ja" })).toMatchObject({ ok: false, fieldErrors: { photo: [expect.any(String)] } });
    const filed = await submit({ fileId: own.data.id, name: "forged-name.exe", size: 1, type: "application/pdf" });
    expect(filed).toMatchObject({ ok: true, data: { submission: { status: "submitted", answers: { doc: { fileId: own.data.id, name: "本人確認書類.pdf", size: PDF.length, type: "application/pdf" } } } } });
  });
});

describe("POST /api/forms/attachments", () => {
  it("answers {id, name, size, type} to the signed-in resident, and refusals in the resident's language", async () => {
    const { POST } = await import("@/app/api/forms/attachments/route");
    const { resident, draftId } = await residentWithDraft("en");
    const post = (fields: Record<string, string | File>, headers: Record<string, string> = {}) => {
      const body = new FormData();
      for (const [k, v] of Object.entries(fields)) body.append(k, v);
      return POST(new Request("http://localhost/api/forms/attachments", { method: "POST", body, headers }));
    };
    request.cookie = "";
    expect((await post({ draftId, questionId: "doc", file: pdf() })).status).toBe(401);
    request.cookie = (await createResidentSessionToken(resident.id)).token;
    const ok = await post({ draftId, questionId: "doc", file: pdf() });
    expect(ok.status).toBe(201);
    const body = (await ok.json()) as { id: string; name: string; size: number };
    expect(body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: "本人確認書類.pdf", size: PDF.length, type: "application/pdf" });
    // The route's default store is the configured directory.
    const db = await getDb();
    const [row] = await db.select().from(formAttachments).where(eq(formAttachments.id, body.id));
    expect(await store.get(row!.storageKey)).not.toBeNull();
    // The page's language (the yakuba_lang cookie) is English: refusals come back in English (simulator scanner in tests).
    request.lang = "en";
    const infected = await post({ draftId, questionId: "doc", file: pdf(INFECTED) });
    expect(infected.status).toBe(422);
    expect(await infected.json()).toEqual({ error: expect.stringMatching(/^A computer virus was found/), code: "infected" });
    const wrong = await post({ draftId, questionId: "doc", file: pdf(new Uint8Array(Buffer.from("GIF89a....")), "a.pdf") });
    expect(await wrong.json()).toMatchObject({ code: "wrong_type", error: expect.stringMatching(/^This type of file/) });
    expect((await post({ draftId, questionId: "doc" })).status).toBe(400);
  });
});

describe("staff download of a submission's attachment", () => {
  it("for form.view staff of the submission's department only; audited; the file as stored with its name", async () => {
    const filer = await residentWithDraft();
    const uploaded = await uploadAttachment(filer.resident, { draftId: filer.draftId, questionId: "doc", file: pdf(PDF, "住民票 (写し).pdf") }, { scanner, store });
    if (!uploaded.ok) throw new Error("upload failed");
    await runResidentGuarded(filer.context, saveDraftAnswersOperation, { draftId: filer.draftId, answers: { doc: { fileId: uploaded.data.id }, note: "x" }, pageId: "more" });
    const filed = await runResidentGuarded(filer.context, submitDraftOperation, { draftId: filer.draftId, locale: "ja" });
    if (!filed.ok) throw new Error(filed.error);
    const submissionId = filed.data.submission.id;
    const viewer = await createActor([{ departmentId, role: "viewer" }]);
    const outsider = await createActor([{ departmentId: (await createDepartment()).id, role: "dept_admin" }]);
    const as = (actor: typeof viewer | null) => ({ actor, requestId: null });

    expect((await respondWithAttachment(as(null), { submissionId, attachmentId: uploaded.data.id }, store)).status).toBe(401);
    expect((await respondWithAttachment(as(outsider), { submissionId, attachmentId: uploaded.data.id }, store)).status).toBe(403);
    // An attachment the submission does not name is not opened through it.
    const stray = await residentWithDraft();
    const strayUpload = await uploadAttachment(stray.resident, { draftId: stray.draftId, questionId: "doc", file: pdf() }, { scanner, store });
    if (!strayUpload.ok) throw new Error("upload failed");
    expect((await respondWithAttachment(as(viewer), { submissionId, attachmentId: strayUpload.data.id }, store)).status).toBe(404);

    const response = await respondWithAttachment(as(viewer), { submissionId, attachmentId: uploaded.data.id }, store);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="attachment-${uploaded.data.id.slice(0, 8)}.pdf"; filename*=UTF-8''${encodeURIComponent("住民票 ").replace(/'/g, "%27")}%28${encodeURIComponent("写し")}%29.pdf`);
    expect(Buffer.compare(Buffer.from(await response.arrayBuffer()), Buffer.from(PDF))).toBe(0);
    const db = await getDb();
    const downloads = await db.select().from(auditLog).where(and(eq(auditLog.action, "form_submission.attachment_download"), eq(auditLog.entityId, submissionId)));
    expect(downloads).toHaveLength(1);
    expect(downloads[0]!.actorId).toBe(viewer.id);
    expect((await db.select().from(formSubmissions).where(eq(formSubmissions.id, submissionId)))[0]!.status).toBe("submitted");
  });
});
