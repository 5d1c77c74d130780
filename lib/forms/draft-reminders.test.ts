import { and, eq, like, sql } from "drizzle-orm";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "@/db";
import { auditLog } from "@/db/schema/audit";
import { formDrafts } from "@/db/schema/forms";
import { lineOutbox } from "@/db/schema/line";
import { runResidentGuarded } from "@/lib/residents/guard";
import { createDepartment } from "@/lib/testing/factories";
import { createLiveForm, createResidentIn } from "@/lib/testing/form-factories";
import { SURVEY_FORM } from "./demo-definitions";
import { saveDraftAnswersOperation, startOrResumeDraftOperation } from "./drafts";
import { sendDraftExpiryReminders } from "./draft-reminders";

let departmentId: string;
let formId: string;
let formCode: string;
beforeAll(async () => {
  departmentId = (await createDepartment()).id;
  const form = await createLiveForm(departmentId, SURVEY_FORM);
  formId = form.id;
  formCode = form.code;
});

/** A resident's draft, last saved `idleHours` ago and expiring in `leftHours`. */
async function draftOf(locale: "ja" | "ja-easy" | "en", leftHours: number, idleHours: number) {
  const { context, resident } = await createResidentIn(locale);
  const started = await runResidentGuarded(context, startOrResumeDraftOperation, { formId });
  if (!started.ok) throw new Error(started.error);
  const db = await getDb();
  await db.update(formDrafts).set({ expiresAt: sql`now() + make_interval(hours => ${leftHours})`, updatedAt: sql`now() - make_interval(hours => ${idleHours})` }).where(eq(formDrafts.id, started.data.draft.id));
  return { draftId: started.data.draft.id, resident, context };
}

async function messagesFor(draftId: string) {
  const db = await getDb();
  return db.select().from(lineOutbox).where(like(lineOutbox.cause, `form_draft:${draftId}:%`));
}

async function remindersAudited(draftId: string) {
  const db = await getDb();
  return db.select().from(auditLog).where(and(eq(auditLog.action, "form.draft_reminder"), eq(auditLog.entityId, draftId)));
}

describe("draft expiry reminder", () => {
  it("reminds once, in the resident's language, with a link to resume; a second round sends nothing", async () => {
    const en = await draftOf("en", 24, 13);
    const easy = await draftOf("ja-easy", 30, 20);
    await sendDraftExpiryReminders();
    await sendDraftExpiryReminders();
    const [enMessage, ...enMore] = await messagesFor(en.draftId);
    expect(enMore).toHaveLength(0);
    expect(enMessage!.recipients).toEqual([en.resident.lineUserId]);
    const enText = (enMessage!.messages as { text: string }[])[0]!.text;
    expect(enText).toMatch(/^Your saved answers for “.+” will be deleted on \d{1,2} [A-Z][a-z]+ 20\d\d\./);
    expect(enText).toContain(`/liff/forms/${formCode}`);
    const easyText = ((await messagesFor(easy.draftId))[0]!.messages as { text: string }[])[0]!.text;
    expect(easyText).toContain("とちゅうまでの こたえは");
    expect(easyText).toMatch(/令和\d+年\d+月\d+日/);
    expect(await remindersAudited(en.draftId)).toHaveLength(1);
  });

  it("does not remind a draft far from expiry, one just saved, or one already expired", async () => {
    const far = await draftOf("ja", 24 * 10, 24);
    const fresh = await draftOf("ja", 24, 1);
    const expired = await draftOf("ja", -1, 24);
    await sendDraftExpiryReminders();
    for (const d of [far, fresh, expired]) expect(await messagesFor(d.draftId)).toHaveLength(0);
  });

  it("saving the draft again extends it and allows one new reminder before the new expiry", async () => {
    const d = await draftOf("ja", 24, 13);
    await sendDraftExpiryReminders();
    expect(await messagesFor(d.draftId)).toHaveLength(1);
    const saved = await runResidentGuarded(d.context, saveDraftAnswersOperation, { draftId: d.draftId, answers: {}, pageId: null });
    expect(saved.ok).toBe(true);
    const db = await getDb();
    const [row] = await db.select().from(formDrafts).where(eq(formDrafts.id, d.draftId));
    expect(row!.reminderSentAt).toBeNull();
    // Just saved: not reminded again until it is idle and near its new expiry.
    await sendDraftExpiryReminders();
    expect(await messagesFor(d.draftId)).toHaveLength(1);
  });
});

// Real concurrency needs real PostgreSQL (PGlite runs one statement at a time).
const databaseUrl = inject("testDatabaseUrl");
describe.runIf(databaseUrl)("draft expiry reminder under concurrency (PostgreSQL)", () => {
  it("two workers running rounds at the same time send each draft exactly one message", async () => {
    const drafts = await Promise.all(Array.from({ length: 30 }, (_, i) => draftOf(i % 2 ? "ja" : "en", 20, 14)));
    const rounds = await Promise.all([sendDraftExpiryReminders(), sendDraftExpiryReminders(), sendDraftExpiryReminders(), sendDraftExpiryReminders()]);
    // Each claim is counted by exactly one worker.
    expect(rounds.reduce((a, b) => a + b, 0)).toBe(30);
    for (const d of drafts) {
      expect(await messagesFor(d.draftId)).toHaveLength(1);
      expect(await remindersAudited(d.draftId)).toHaveLength(1);
    }
  }, 120_000);
});
