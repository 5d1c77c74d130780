import "server-only";
import type { AuditDraft } from "@/lib/audit/log";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { safeText } from "@/lib/validation/text";
import type { Transaction } from "@/db";
import { departments } from "@/db/schema/departments";
import { filings, type AddressMatch, type Filing, type FilingChannel } from "@/db/schema/filings";
import type { BenefitProgram, HouseholdMember } from "@/db/schema/programs";
import { getValidVerification } from "@/lib/jpki/flow";
import { validateReferenceCode } from "@/lib/letters/reference-code";
import { matchIdentityToHousehold, type MatchedHousehold } from "@/lib/programs/households";
import { getHouseholdByReferenceCode, getProgramById } from "@/lib/programs/queries";
import { filingClosure, type FilingClosure } from "@/lib/programs/rules";
import { ResidentRefusal } from "@/lib/residents/errors";
import { defineResidentOperation } from "@/lib/residents/guard";
import { submitFiling } from "./core";
import { notifyFilingChange } from "./notify";
import { changeFilingStatus } from "./operations";
import { getActiveFilingOfHousehold, getFilingsByResident } from "./queries";
import { SYSTEM_EVENT_REASONS } from "./rules";

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

async function counterGuidance(tx: Transaction, departmentId: string): Promise<CounterGuidance> {
  const [department] = await tx.select().from(departments).where(eq(departments.id, departmentId));
  return { departmentName: department!.name, site: department!.site, phone: department!.phone, counterHours: department!.counterHours, counterHoursTranslations: department!.counterHoursTranslations };
}

type LineFilingInput = z.infer<typeof lineFilingSchema>;
type Verification = NonNullable<Awaited<ReturnType<typeof getValidVerification>>>;
type FoundHousehold = { household: MatchedHousehold; member: HouseholdMember; isHead: boolean; addressMatch: AddressMatch | null };

/**
 * Who files for which household: from the verified card (基本4情報 matched to the roster), or — only where the
 * program does not require JPKI — from the letter's reference code and the head's birth date.
 */
async function findHousehold(
  tx: Transaction,
  program: BenefitProgram,
  verification: Verification | null,
  data: LineFilingInput,
): Promise<FoundHousehold | { kind: "needs_identity" | "needs_reference" | "no_match" | "reference_mismatch" }> {
  if (verification) {
    const match = await matchIdentityToHousehold(tx, {
      programId: program.id,
      identity: { name: verification.name, birthDate: verification.birthdate, address: verification.address },
    });
    if (match.kind === "no_match") return { kind: "no_match" };
    if (data.referenceCode && match.household.referenceCode !== data.referenceCode) return { kind: "reference_mismatch" };
    return { household: match.household, member: match.member, isHead: match.kind === "head", addressMatch: match.addressMatch };
  }
  if (program.lineRequiresJpki) return { kind: "needs_identity" };
  if (!data.referenceCode || !data.headBirthDate) return { kind: "needs_reference" };
  const household = await getHouseholdByReferenceCode(tx, { programId: program.id, referenceCode: data.referenceCode });
  const head = household?.members.find((m) => m.isHead);
  // A wrong code and a wrong birth date look the same: the pair is the secret.
  if (!household || !head || head.birthDate !== data.headBirthDate) return { kind: "reference_mismatch" };
  return { household, member: head, isHead: true, addressMatch: null };
}

/**
 * Everything about a LINE filing is derived on the server: the household, its members and the points come from
 * the roster. Nothing the page sends names a household.
 */
async function resolveLineFiling(tx: Transaction, residentId: string, data: LineFilingInput, { forPreview }: { forPreview: boolean }) {
  // Independent reads go out together: one round trip on the transaction's connection.
  const [program, verification] = await Promise.all([
    getProgramById(tx, { programId: data.programId }),
    getValidVerification(tx, residentId, filingPurpose(data.programId)),
  ]);
  if (!program) throw new ResidentRefusal(404, { code: "program_not_found" });
  const closure = filingClosure(program, "line", new Date());
  if (closure) return { program, preview: { kind: "closed", closure } as LineFilingPreview };
  const found = await findHousehold(tx, program, verification, data);
  // Counter guidance is only read on the paths that send the resident to the counter.
  const counter = () => counterGuidance(tx, program.departmentId);
  if ("kind" in found) {
    const preview: LineFilingPreview =
      found.kind === "no_match" || found.kind === "reference_mismatch" ? { kind: found.kind, counter: await counter() } : { kind: found.kind };
    return { program, preview };
  }
  const { household } = found;
  // The check-your-answers page says so up front; the submission itself relies on the unique index instead.
  if (forPreview) {
    const existing = await getActiveFilingOfHousehold(tx, { programId: program.id, householdId: household.id });
    if (existing) {
      const preview: LineFilingPreview = {
        kind: "already_filed",
        submittedAt: existing.submittedAt,
        channel: existing.channel,
        own: existing.residentId === residentId,
        counter: await counter(),
        // Only the filer's own receipt is linked: other members see that it was filed, not its details.
        ...(existing.residentId === residentId ? { filingId: existing.id } : {}),
      };
      return { program, preview, stoppedHouseholdId: household.id };
    }
  }
  if (!found.isHead) {
    const head = household.members.find((m) => m.isHead);
    return { program, preview: { kind: "not_head", counter: await counter(), headName: head?.name ?? null } as LineFilingPreview };
  }
  return {
    program,
    verification,
    household,
    representative: found.member,
    addressMatch: found.addressMatch,
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

/** The check-your-answers page: the household as the roster has it. A view of personal data: audited. */
export const previewLineFiling = defineResidentOperation({
  action: "filing.preview_line",
  schema: lineFilingSchema,
  async run({ data, tx, resident }) {
    const resolved = await resolveLineFiling(tx, resident.id, data, { forPreview: true });
    const audit: AuditDraft[] = [{ entity: "benefit_program", entityId: data.programId, after: { outcome: resolved.preview.kind } }];
    // Another member of a filed household stopped before submitting: a duplicate prevented at LINE (the report counts it).
    if (resolved.preview.kind === "already_filed" && !resolved.preview.own && "stoppedHouseholdId" in resolved) {
      audit.push({ action: "filing.duplicate_prevented", entity: "household", entityId: resolved.stoppedHouseholdId, after: { programId: data.programId, channel: "line", stage: "preview" } });
    }
    return { result: resolved.preview, audit };
  },
});

export const submitLineFiling = defineResidentOperation({
  action: "filing.submit_line",
  schema: lineFilingSchema.extend({ confirmed: z.literal(true, { error: "内容を確認して「この内容で申請する」を押してください" }) }),
  async run({ data, tx, resident }) {
    const resolved = await resolveLineFiling(tx, resident.id, data, { forPreview: false });
    // The window may have closed since the check-your-answers page: say so, not "go back".
    if (resolved.preview.kind === "closed") throw new ResidentRefusal(409, { code: "closed", closure: resolved.preview.closure });
    if (resolved.preview.kind !== "ready" || !resolved.household || !resolved.representative) {
      throw new ResidentRefusal(409, { code: "cannot_file_as_shown" });
    }
    const { program } = resolved;
    const filing = await submitFiling(
      tx,
      {
        program,
        household: resolved.household,
        representativeMemberId: resolved.representative.id,
        channel: "line",
        residentId: resident.id,
        jpkiVerificationId: resolved.verification?.id ?? null,
        addressMatch: resolved.addressMatch,
      },
      // The receipt message: the filer is this session's resident, the templates are the program's.
      (created) =>
        notifyFilingChange(tx, { filing: created, reason: null, context: { lineUserId: resident.lineUserId, templates: program.templates, programName: program.name, locale: resident.locale, program } }),
    );
    return {
      result: { filingId: filing.id, receiptNumber: filing.receiptNumber, points: filing.points, submittedAt: filing.submittedAt },
      audit: { entity: "filing", entityId: filing.id, departmentId: resolved.program.departmentId, after: filing },
    };
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
