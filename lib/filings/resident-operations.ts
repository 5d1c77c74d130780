import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Executor, Transaction } from "@/db";
import type { Department } from "@/db/schema/departments";
import { filings, type AddressMatch, type Filing, type FilingChannel } from "@/db/schema/filings";
import type { BenefitProgram, HouseholdMember } from "@/db/schema/programs";
import { getValidVerification } from "@/lib/jpki/flow";
import { validateReferenceCode } from "@/lib/letters/reference-code";
import { writeAudit, type AuditEntryInput } from "@/lib/audit/log";
import { matchIdentityInRows, matchIdentityToHousehold, type MatchedHousehold } from "@/lib/programs/households";
import { filingClosure, type FilingClosure } from "@/lib/programs/rules";
import { ResidentRefusal } from "@/lib/residents/errors";
import { defineResidentOperation, defineResidentSessionStatementOperation, defineResidentStatementOperation, type ResidentSession } from "@/lib/residents/guard";
import { duplicateRefusal, insertFilingStatement } from "./core";
import { readLineFilingContext, type LineFilingContext } from "./line-context";
import { messageTextFor } from "./notify";
import { changeFilingStatus } from "./operations";
import { getFilingsByResident } from "./queries";
import { SYSTEM_EVENT_REASONS } from "./rules";
import { residentLocaleOrDefault } from "@/lib/residents/locale";
import { safeText } from "@/lib/validation/text";

/** The JPKI purpose a filing's identity check is bound to. */
export function filingPurpose(programId: string): string {
  return `filing:${programId}`;
}

const referenceCode = safeText({ label: "照会番号", max: 40 })
  .optional()
  .transform((value, ctx) => {
    if (!value) return undefined;
    const checked = validateReferenceCode(value);
    if (!checked.ok) {
      ctx.addIssue({ code: "custom", message: checked.reason });
      return z.NEVER;
    }
    return checked.code;
  });

export const lineFilingSchema = z.object({
  programId: z.uuid({ error: "事業が正しく指定されていません" }),
  referenceCode,
  /** Only for programs that do not require JPKI: the head's birth date, checked against the roster with the code. */
  headBirthDate: z.iso.date({ error: "生年月日を正しく入力してください" }).optional(),
});

export type CounterGuidance = {
  departmentName: string;
  site: string;
  phone: string | null;
  counterHours: string | null;
  counterHoursTranslations?: Partial<Record<"ja-easy" | "en", string>>;
};

export type LineFilingPreview =
  | { kind: "closed"; closure: FilingClosure }
  | { kind: "needs_identity" }
  /** The program files without JPKI: the letter's reference code and the head's birth date identify the household. */
  | { kind: "needs_reference" }
  | { kind: "no_match"; counter: CounterGuidance }
  | { kind: "not_head"; counter: CounterGuidance; headName: string | null }
  | { kind: "reference_mismatch"; counter: CounterGuidance }
  /** The household holds an active filing already; `own` when it is this resident's, so the page links to its status. */
  | { kind: "already_filed"; submittedAt: Date; channel: FilingChannel; own: boolean; counter: CounterGuidance; filingId?: string }
  | {
      kind: "ready";
      programName: string;
      address: string;
      members: { name: string; birthDate: string; isHead: boolean }[];
      points: number;
      pointsPerPerson: number;
    };

function counterGuidance(department: Department | null): CounterGuidance {
  return { departmentName: department!.name, site: department!.site, phone: department!.phone, counterHours: department!.counterHours, counterHoursTranslations: department!.counterHoursTranslations };
}

type LineFilingInput = z.infer<typeof lineFilingSchema>;
type FoundHousehold = { household: MatchedHousehold; member: HouseholdMember; isHead: boolean; addressMatch: AddressMatch | null };

/**
 * Who files for which household: from the verified card (基本4情報 matched to the roster), or — only where the
 * program does not require JPKI — from the letter's reference code and the head's birth date.
 */
async function findHousehold(
  db: Executor,
  context: LineFilingContext,
  program: BenefitProgram,
  data: LineFilingInput,
): Promise<FoundHousehold | { kind: "needs_identity" | "needs_reference" | "no_match" | "reference_mismatch" }> {
  const { verification } = context;
  if (verification) {
    const identity = { name: verification.name, birthDate: verification.birthdate, address: verification.address };
    // A verification stored before its matching keys were (migration 0009) is matched the long way.
    const match = verification.nameKey
      ? matchIdentityInRows(context.rows.filter((r) => r.via === "identity"), { nameKey: verification.nameKey, birthDate: identity.birthDate, address: identity.address })
      : await matchIdentityToHousehold(db, { programId: program.id, identity });
    if (match.kind === "no_match") return { kind: "no_match" };
    if (data.referenceCode && match.household.referenceCode !== data.referenceCode) return { kind: "reference_mismatch" };
    return { household: match.household, member: match.member, isHead: match.kind === "head", addressMatch: match.addressMatch };
  }
  if (program.lineRequiresJpki) return { kind: "needs_identity" };
  if (!data.referenceCode || !data.headBirthDate) return { kind: "needs_reference" };
  const members = context.rows.filter((r) => r.via === "reference");
  const household = members[0] ? { ...members[0].household, members: members.map((r) => r.member) } : null;
  const head = household?.members.find((m) => m.isHead);
  // A wrong code and a wrong birth date look the same: the pair is the secret.
  if (!household || !head || head.birthDate !== data.headBirthDate) return { kind: "reference_mismatch" };
  return { household, member: head, isHead: true, addressMatch: null };
}

/**
 * Everything about a LINE filing is derived on the server: the household, its members and the points come from
 * the roster. Nothing the page sends names a household. One read statement (readLineFilingContext).
 */
function readContext(db: Executor, residentId: string, data: LineFilingInput, { forPreview, session }: { forPreview: boolean; session?: ResidentSession }) {
  return readLineFilingContext(db, {
    residentId,
    programId: data.programId,
    purpose: filingPurpose(data.programId),
    referenceCode: data.referenceCode ?? null,
    drawReceipt: !forPreview,
    session,
  });
}

async function resolveLineFiling(db: Executor, residentId: string, data: LineFilingInput, options: { forPreview: boolean }) {
  return resolveLineFilingContext(db, await readContext(db, residentId, data, options), residentId, data, options);
}

async function resolveLineFilingContext(db: Executor, context: LineFilingContext, residentId: string, data: LineFilingInput, { forPreview }: { forPreview: boolean }) {
  const { program, verification } = context;
  if (!program) throw new ResidentRefusal(404, { code: "program_not_found" });
  const closure = filingClosure(program, "line", new Date());
  if (closure) return { program, preview: { kind: "closed", closure } as LineFilingPreview };
  const found = await findHousehold(db, context, program, data);
  const counter = () => counterGuidance(context.department);
  if ("kind" in found) {
    const preview: LineFilingPreview =
      found.kind === "no_match" || found.kind === "reference_mismatch" ? { kind: found.kind, counter: counter() } : { kind: found.kind };
    return { program, preview };
  }
  const { household } = found;
  // The check-your-answers page says so up front; the submission itself relies on the unique index instead.
  if (forPreview) {
    const existing = context.active.find((f) => f.householdId === household.id);
    if (existing) {
      const preview: LineFilingPreview = {
        kind: "already_filed",
        submittedAt: existing.submittedAt,
        channel: existing.channel,
        own: existing.residentId === residentId,
        counter: counter(),
        // Only the filer's own receipt is linked: other members see that it was filed, not its details.
        ...(existing.residentId === residentId ? { filingId: existing.id } : {}),
      };
      return { program, preview, stoppedHouseholdId: household.id };
    }
  }
  if (!found.isHead) {
    const head = household.members.find((m) => m.isHead);
    return { program, preview: { kind: "not_head", counter: counter(), headName: head?.name ?? null } as LineFilingPreview };
  }
  return {
    program,
    verification,
    household,
    representative: found.member,
    addressMatch: found.addressMatch,
    receiptNumber: context.receiptNumber,
    residentLocale: context.residentLocale,
    preview: {
      kind: "ready",
      programName: program.name,
      address: household.address,
      members: household.members.map((m) => ({ name: m.name, birthDate: m.birthDate, isHead: m.isHead })),
      points: household.points,
      pointsPerPerson: program.pointsPerPerson,
    } as LineFilingPreview,
  };
}

/** The check-your-answers page: the household as the roster has it. A view of personal data: audited (a second statement). */
export const previewLineFiling = defineResidentStatementOperation({
  action: "filing.preview_line",
  schema: lineFilingSchema,
  async runStatements({ data, db, resident, audit }) {
    const resolved = await resolveLineFiling(db, resident.id, data, { forPreview: true });
    const entries: AuditEntryInput[] = [{ ...audit, entity: "benefit_program", entityId: data.programId, after: { outcome: resolved.preview.kind } }];
    // Another member of a filed household stopped before submitting: a duplicate prevented at LINE (the report counts it).
    if (resolved.preview.kind === "already_filed" && !resolved.preview.own && "stoppedHouseholdId" in resolved) {
      entries.push({ ...audit, action: "filing.duplicate_prevented", entity: "household", entityId: resolved.stoppedHouseholdId, after: { programId: data.programId, channel: "line", stage: "preview" } });
    }
    await writeAudit(db, entries);
    return resolved.preview;
  },
});

/**
 * The filing in two round trips: one read statement that also carries the session's check (rate-limit hit and the
 * resident's row), and one write statement that holds every guarantee (the duplicate guard, history, receipt
 * message, audit entry; see insertFilingStatement).
 */
export const submitLineFiling = defineResidentSessionStatementOperation({
  action: "filing.submit_line",
  schema: lineFilingSchema.extend({ confirmed: z.literal(true, { error: "内容を確認して「この内容で申請する」を押してください" }) }),
  async runSessionStatements({ data, db, session }) {
    const context = await readContext(db, session.residentId, data, { forPreview: false, session });
    // Refused here (401, 429) before anything is written.
    const { resident, audit } = session.confirm(context.sessionRow);
    const resolved = await resolveLineFilingContext(db, context, resident.id, data, { forPreview: false });
    // The window may have closed since the check-your-answers page: say so, not "go back".
    if (resolved.preview.kind === "closed") throw new ResidentRefusal(409, { code: "closed", closure: resolved.preview.closure });
    if (resolved.preview.kind !== "ready" || !resolved.household || !resolved.representative || !resolved.receiptNumber) {
      throw new ResidentRefusal(409, { code: "cannot_file_as_shown" });
    }
    const { program, receiptNumber } = resolved;
    const input = {
      program,
      household: resolved.household,
      representativeMemberId: resolved.representative.id,
      channel: "line" as const,
      residentId: resident.id,
      jpkiVerificationId: resolved.verification?.id ?? null,
      addressMatch: resolved.addressMatch,
    };
    // The receipt message: the filer is this session's resident, the templates are the program's.
    const text = messageTextFor("submitted", program, { receiptNumber, points: resolved.household.points, reason: null }, residentLocaleOrDefault(resident.locale !== undefined ? resident.locale : resolved.residentLocale));
    const outcome = await insertFilingStatement(db, {
      ...input,
      receiptNumber,
      message: text ? { to: resident.lineUserId, messages: [{ type: "text", text }] } : null,
      audit,
    });
    if (!outcome.filing) throw await duplicateRefusal(db, input, outcome.existing, { audited: true });
    const filing = outcome.filing;
    return { filingId: filing.id, receiptNumber: filing.receiptNumber, points: filing.points, submittedAt: filing.submittedAt };
  },
});

async function ownFiling(tx: Transaction, residentId: string, filingId: string): Promise<Filing> {
  const [filing] = await tx
    .select()
    .from(filings)
    .where(and(eq(filings.id, filingId), eq(filings.residentId, residentId)))
    .for("update");
  // Someone else's filing and a missing one look the same.
  if (!filing) throw new ResidentRefusal(404, { code: "filing_not_found" });
  return filing;
}

/** A returned filing goes back to review after the resident checks their identity again. */
export const resubmitReturnedFiling = defineResidentOperation({
  action: "filing.resubmit",
  schema: z.object({ filingId: z.uuid() }),
  async run({ data, tx, resident }) {
    const filing = await ownFiling(tx, resident.id, data.filingId);
    if (filing.status !== "returned") throw new ResidentRefusal(409, { code: "not_returned" });
    const verification = await getValidVerification(tx, resident.id, filingPurpose(filing.programId));
    if (!verification || (filing.decidedAt && verification.verifiedAt < filing.decidedAt)) {
      throw new ResidentRefusal(409, { code: "reverify_identity" });
    }
    const match = await matchIdentityToHousehold(tx, {
      programId: filing.programId,
      identity: { name: verification.name, birthDate: verification.birthdate, address: verification.address },
    });
    if (match.kind !== "head" || match.householdId !== filing.householdId) {
      throw new ResidentRefusal(409, { code: "identity_not_head" });
    }
    await tx.update(filings).set({ jpkiVerificationId: verification.id }).where(eq(filings.id, filing.id));
    const after = await changeFilingStatus(tx, { filing, to: "submitted", reason: SYSTEM_EVENT_REASONS.resident_resubmitted, staffId: null });
    return { result: { filingId: after.id, status: after.status }, audit: { entity: "filing", entityId: filing.id, before: filing, after } };
  },
});

export const withdrawOwnFiling = defineResidentOperation({
  action: "filing.withdraw",
  schema: z.object({ filingId: z.uuid() }),
  async run({ data, tx, resident }) {
    const filing = await ownFiling(tx, resident.id, data.filingId);
    // Only while it waits for review or for the resident's correction; a decided filing is the counter's business.
    if (filing.status === "withdrawn") throw new ResidentRefusal(409, { code: "already_withdrawn" });
    if (filing.status !== "submitted" && filing.status !== "returned") throw new ResidentRefusal(409, { code: "cannot_withdraw" });
    const after = await changeFilingStatus(tx, { filing, to: "withdrawn", reason: SYSTEM_EVENT_REASONS.resident_withdrew, staffId: null });
    return { result: { filingId: after.id, status: after.status }, audit: { entity: "filing", entityId: filing.id, before: filing, after } };
  },
});

/** The resident's own filings and their history. A view of personal data: audited. */
export const listOwnFilings = defineResidentOperation({
  action: "filing.view_own",
  schema: z.object({}),
  async run({ tx, resident }) {
    const rows = await getFilingsByResident(tx, { residentId: resident.id });
    return {
      result: rows,
      audit: { entity: "resident", entityId: resident.id, after: { filings: rows.length } },
    };
  },
});
