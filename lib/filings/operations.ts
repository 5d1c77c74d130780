import "server-only";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Transaction } from "@/db";
import { filingEvents, filings, type Filing, type FilingStatus } from "@/db/schema/filings";
import { grantBatches, grantBatchItems } from "@/db/schema/grants";
import { benefitPrograms, households } from "@/db/schema/programs";
import { residents } from "@/db/schema/residents";
import { rowFromJson, rowsOf } from "@/db/rows";
import { pushRowsInsertSql, wakeWorker } from "@/lib/line/outbox";
import type { AuditDraft } from "@/lib/audit/log";
import { GuardError, MESSAGES } from "@/lib/auth/guard";
import { defineOperation } from "@/lib/auth/operation";
import { mayBeSamePlace, normalizeAddress } from "@/lib/matching/normalize";
import { getTownProfile } from "@/lib/programs/town";
import { residentLocaleOrDefault } from "@/lib/residents/locale";
import { findDuplicateGroupsAround, flagSuspectedDuplicates, serializeDuplicateFlagging } from "./duplicates";
import { messageTextFor, type FilingMessageContext } from "./notify";
import { canTransition, FILING_STATUS_LABELS, transitionRefusal } from "./rules";
import { bulkApproveSchema, filingDecisionSchema, resolveDuplicateSchema } from "./validations";

/** Locks the filings so that two reviewers deciding at once are serialised, and names their departments. */
async function lockFilings(tx: Transaction, filingIds: string[]) {
  const cached = lockedInTransaction.get(tx)?.get(lockKey(filingIds));
  if (cached) return cached;
  const rows = (
    await tx
      .select({
        filing: filings,
        departmentId: benefitPrograms.departmentId,
        // Who gets the resident message and with which templates, read with the lock rather than per filing.
        lineUserId: residents.lineUserId,
        templates: benefitPrograms.templates,
        programName: benefitPrograms.name,
      })
      .from(filings)
      .innerJoin(benefitPrograms, eq(benefitPrograms.id, filings.programId))
      .leftJoin(residents, eq(residents.id, filings.residentId))
      .where(inArray(filings.id, filingIds))
      .for("update", { of: filings })
  ).map(({ lineUserId, templates, programName, ...row }) => ({
    ...row,
    context: lineUserId ? ({ lineUserId, templates, programName } satisfies FilingMessageContext) : null,
  }));
  if (rows.length !== new Set(filingIds).size) throw new GuardError(404, MESSAGES.notFound);
  const inTx = lockedInTransaction.get(tx) ?? new Map();
  inTx.set(lockKey(filingIds), rows);
  lockedInTransaction.set(tx, inTx);
  return rows;
}

type LockedFiling = { filing: Filing; departmentId: string; context: FilingMessageContext | null };
/** The guard's department check locks the rows; the work that follows in the same transaction reuses them. */
const lockedInTransaction = new WeakMap<Transaction, Map<string, LockedFiling[]>>();
const lockKey = (filingIds: string[]) => [...filingIds].sort().join(",");

async function departmentsOfFilings(tx: Transaction, filingIds: string[]): Promise<string[]> {
  return [...new Set((await lockFilings(tx, filingIds)).map((row) => row.departmentId))];
}

/** Moves a filing to a new status with its history event and resident message, in the caller's transaction. */
export async function changeFilingStatus(
  tx: Transaction,
  { filing, to, reason, staffId, context }: { filing: Filing; to: FilingStatus; reason?: string | null; staffId: string | null; context?: FilingMessageContext | null },
): Promise<Filing> {
  const [updated] = await changeFilingStatuses(tx, { changes: [{ filing, context }], to, reason, staffId });
  return updated!;
}

/**
 * Moves filings to one new status in one statement, however many: the updates, their history events and the
 * resident messages (rendered here from the program's templates). `context` (who gets the message, with which
 * templates) saves a read when the caller has it; a filing without a resident gets no message.
 */
export async function changeFilingStatuses(
  tx: Transaction,
  { changes, to, reason = null, staffId }: { changes: { filing: Filing; context?: FilingMessageContext | null }[]; to: FilingStatus; reason?: string | null; staffId: string | null },
): Promise<Filing[]> {
  if (changes.length === 0) return [];
  for (const { filing } of changes) if (!canTransition(filing.status, to)) throw new GuardError(409, transitionRefusal(filing.status));
  const missing = changes.filter(({ filing, context }) => filing.residentId && lacksLanguage(context)).map(({ filing }) => filing.id);
  const looked = missing.length > 0 ? await messageContexts(tx, missing) : new Map<string, FilingMessageContext>();
  const input = changes.map(({ filing, context }) => {
    const recipient = lacksLanguage(context) ? (looked.get(filing.id) ?? null) : context;
    const text =
      filing.residentId && recipient?.program
        ? messageTextFor(
            to,
            { ...recipient.program, name: recipient.programName, templates: recipient.templates },
            { receiptNumber: filing.receiptNumber, points: filing.points, reason },
            residentLocaleOrDefault(recipient.locale),
          )
        : null;
    return { id: filing.id, from_status: filing.status, to_id: text ? recipient!.lineUserId : null, text };
  });
  const decided = to === "approved" || to === "rejected" || to === "returned" || to === "closed_duplicate";
  const rows = rowsOf<{ filing: Record<string, unknown>; queued: boolean }>(
    await tx.execute(sql`
      with input as (select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(id uuid, from_status text, to_id text, text text)),
      updated as (
        update ${filings} f
           set status = ${to}::text, updated_at = now()
               ${decided ? sql`, decision_reason = ${reason}::text, decided_by_staff_id = ${staffId}::uuid, decided_at = now()` : sql``}
               ${to === "granted" ? sql`, granted_at = now()` : sql``}
          from input
         where f.id = input.id
        returning f.*
      ),
      events as (
        insert into ${filingEvents} (filing_id, from_status, to_status, reason, staff_id)
        select input.id, input.from_status, ${to}::text, ${reason}::text, ${staffId}::uuid from input join updated u on u.id = input.id
      ),
      queued as (
        ${pushRowsInsertSql(sql`
          select input.to_id, jsonb_build_array(jsonb_build_object('type', 'text', 'text', input.text)) as messages,
                 'filing:' || u.id || ':' || u.status as cause,
                 'filing:' || u.id || ':' || u.status || ':' || floor(extract(epoch from u.updated_at) * 1000)::bigint as dedupe_key
            from updated u join input on input.id = u.id
           where input.text is not null`)}
        returning id
      )
      select to_jsonb(u) as filing, exists (select 1 from queued) as queued from updated u`),
  );
  if (rows.some((row) => row.queued)) wakeWorker();
  const byId = new Map(rows.map((row) => [String(row.filing.id), rowFromJson(filings, row.filing)]));
  return changes.map(({ filing }) => byId.get(filing.id)!);
}

/** A context without the resident's language or the program's texts is read again (messages follow the language). */
function lacksLanguage(context: FilingMessageContext | null | undefined): boolean {
  return context === undefined || (context !== null && (context.locale === undefined || !context.program));
}

async function messageContexts(tx: Transaction, filingIds: string[]): Promise<Map<string, FilingMessageContext>> {
  const rows = await tx
    .select({
      id: filings.id,
      lineUserId: residents.lineUserId,
      locale: residents.locale,
      templates: benefitPrograms.templates,
      programName: benefitPrograms.name,
      emoneyName: benefitPrograms.emoneyName,
      emoneyGuidance: benefitPrograms.emoneyGuidance,
      translations: benefitPrograms.translations,
    })
    .from(filings)
    .innerJoin(residents, eq(residents.id, filings.residentId))
    .innerJoin(benefitPrograms, eq(benefitPrograms.id, filings.programId))
    .where(inArray(filings.id, filingIds));
  return new Map(
    rows.map(({ id, lineUserId, locale, templates, programName, emoneyName, emoneyGuidance, translations }) => [
      id,
      { lineUserId, locale, templates, programName, program: { emoneyName, emoneyGuidance, translations } },
    ]),
  );
}

const DECISION_STATUS = { approve: "approved", reject: "rejected", return: "returned" } as const;

export const decideFiling = defineOperation({
  action: "filing.decide",
  schema: filingDecisionSchema,
  departments: (data, tx) => departmentsOfFilings(tx, [data.filingId]),
  async run({ data, tx, actor }) {
    const [{ filing, departmentId, context }] = (await lockFilings(tx, [data.filingId])) as [LockedFiling];
    const reason = data.decision === "approve" ? null : data.reason;
    const after = await changeFilingStatus(tx, { filing, to: DECISION_STATUS[data.decision], reason, staffId: actor.id, context });
    return {
      result: { filingId: after.id, status: after.status },
      audit: { action: `filing.${data.decision}`, entity: "filing", entityId: after.id, departmentId, before: filing, after },
    };
  },
});

/** Bulk approve of a program's unflagged filings: what it approved and what it held back for a duplicate check. */
export type BulkApproveResult = {
  approved: number;
  /** Selected filings left unapproved because the re-check found them in a suspected duplicate group. */
  held: number;
  heldReceiptNumbers: string[];
  /** Filings (selected or not) that the re-check flagged for the first time. */
  newlyFlagged: number;
  /** For staff, when something was held: how many and where to look. */
  heldMessage: string | null;
};

export function heldForDuplicatesMessage(held: number, newlyFlagged: number): string {
  const flagged = newlyFlagged > 0 ? `新たに${newlyFlagged}件に重複の疑いの印を付けました。` : "";
  return `${held}件は重複の疑いがあるため承認しませんでした。${flagged}「重複の確認」画面で、残す申請を選んでください。`;
}

/**
 * Approves the selected filings, after re-checking them for fuzzy duplicates: the scan may never have run
 * since they arrived. Selected filings found in a suspected group are flagged (with the rest of their group)
 * and left unapproved; the others are approved. The flags are written in the same transaction, so the result
 * is not an error: an error would roll the flags back.
 */
export const bulkApproveFilings = defineOperation({
  action: "filing.decide",
  schema: bulkApproveSchema,
  // The program lock comes before the row locks: two bulk approvals of one duplicate pair's halves would deadlock.
  departments: async (data, tx) => {
    await serializeDuplicateFlagging(tx, data.programId);
    return departmentsOfFilings(tx, data.filingIds);
  },
  async run({ data, tx, actor }) {
    const rows = await lockFilings(tx, data.filingIds);
    const refused = rows.filter(
      ({ filing }) => filing.programId !== data.programId || filing.duplicateSuspected || filing.addressMatch === "partial" || filing.status !== "submitted",
    );
    if (refused.length > 0) {
      throw new GuardError(
        409,
        `${refused.length}件は一括承認できません（重複の疑いがある、住所が名簿と一部しか一致しない、または審査待ちではない申請です）。一件ずつ確認してください。`,
      );
    }
    const groups = await findDuplicateGroupsAround(tx, { programId: data.programId, filingIds: rows.map(({ filing }) => filing.id) });
    const suspected = new Set(groups.flat());
    const newlyFlagged = await flagSuspectedDuplicates(tx, [...suspected]);
    const held = rows.filter(({ filing }) => suspected.has(filing.id));
    // One statement approves them all, however many were selected.
    const approving = rows.filter(({ filing }) => !suspected.has(filing.id));
    const approvedRows = await changeFilingStatuses(tx, { changes: approving, to: "approved", reason: null, staffId: actor.id });
    const audits: AuditDraft[] = approving.map(({ filing, departmentId }, i) => ({
      action: "filing.approve",
      entity: "filing",
      entityId: filing.id,
      departmentId,
      before: filing,
      after: approvedRows[i],
    }));
    const approved = approving.length;
    if (suspected.size > 0) {
      audits.push({
        action: "filing.duplicate_flagged",
        entity: "benefit_program",
        entityId: data.programId,
        departmentId: rows[0]!.departmentId,
        after: { groups: groups.length, heldFilingIds: held.map(({ filing }) => filing.id), newlyFlaggedFilingIds: newlyFlagged },
      });
    }
    const result: BulkApproveResult = {
      approved,
      held: held.length,
      heldReceiptNumbers: held.map(({ filing }) => filing.receiptNumber),
      newlyFlagged: newlyFlagged.length,
      heldMessage: held.length > 0 ? heldForDuplicatesMessage(held.length, newlyFlagged.length) : null,
    };
    return { result, audit: audits };
  },
});

/** Statuses a kept filing may have: it must still be the household's live filing, not yet granted. */
const KEEPABLE_STATUSES: readonly FilingStatus[] = ["submitted", "returned", "approved"];

/** Grant batch items that still claim one of the filings in a batch whose result is not yet imported. */
async function liveBatchClaims(tx: Transaction, filingIds: string[]) {
  return tx
    .select({ filingId: grantBatchItems.filingId, batchNumber: grantBatches.batchNumber })
    .from(grantBatchItems)
    .innerJoin(grantBatches, eq(grantBatches.id, grantBatchItems.batchId))
    .where(and(inArray(grantBatchItems.filingId, filingIds), eq(grantBatchItems.claimsFiling, true), ne(grantBatches.status, "completed")));
}

/**
 * Keep one filing of a suspected duplicate group and close the others — never the whole household.
 * The input is re-checked under the row locks: the kept filing must still be live, every filing must belong to
 * the same program and address, and no closed filing may sit in a live grant batch (its result import would
 * otherwise be refused for good).
 */
export const resolveDuplicateGroup = defineOperation({
  action: "filing.resolve_duplicate",
  schema: resolveDuplicateSchema,
  departments: (data, tx) => departmentsOfFilings(tx, [data.keepFilingId, ...data.closeFilingIds]),
  async run({ data, tx, actor }) {
    const rows = await lockFilings(tx, [data.keepFilingId, ...data.closeFilingIds]);
    const kept = rows.find(({ filing }) => filing.id === data.keepFilingId)!.filing;
    const closing = rows.filter(({ filing }) => filing.id !== kept.id);
    if (!KEEPABLE_STATUSES.includes(kept.status)) {
      throw new GuardError(
        409,
        `残す申請（受付番号 ${kept.receiptNumber}）はすでに「${FILING_STATUS_LABELS[kept.status]}」のため、残す申請にできません。画面を更新して、残す申請を選び直してください。`,
      );
    }
    const otherProgram = closing.filter(({ filing }) => filing.programId !== kept.programId);
    if (otherProgram.length > 0) {
      throw new GuardError(
        400,
        `受付番号 ${receiptList(otherProgram)} は残す申請（${kept.receiptNumber}）と別の事業の申請です。同じ事業の申請だけを取りまとめられます。`,
      );
    }
    const town = getTownProfile();
    const homes = await tx
      .select({ id: households.id, address: households.address })
      .from(households)
      .where(inArray(households.id, [...new Set(rows.map(({ filing }) => filing.householdId))]));
    // The duplicate scan's judgement of one home, so every pair it suggests can be merged.
    const placeOf = new Map(homes.map((home) => [home.id, normalizeAddress(home.address, town)]));
    const keptPlace = placeOf.get(kept.householdId)!;
    const elsewhere = closing.filter(({ filing }) => !mayBeSamePlace(placeOf.get(filing.householdId)!, keptPlace));
    if (elsewhere.length > 0) {
      throw new GuardError(
        400,
        `受付番号 ${receiptList(elsewhere)} は残す申請（${kept.receiptNumber}）と住所が異なるため、取りまとめできません。同じ住所の申請だけを取りまとめられます。`,
      );
    }
    const claims = await liveBatchClaims(tx, closing.map(({ filing }) => filing.id));
    if (claims.length > 0) {
      const receipt = new Map(closing.map(({ filing }) => [filing.id, filing.receiptNumber]));
      const named = claims.map((claim) => `受付番号 ${receipt.get(claim.filingId)} は給付バッチ（${claim.batchNumber}）`).join("、");
      throw new GuardError(
        409,
        `${named}に入っているため取りまとめできません。給付バッチの結果を取り込んでから、もう一度確認してください（この申請を残す申請に選ぶことはできます）。`,
      );
    }
    const audits: AuditDraft[] = [];
    const [keptAfter] = await tx
      .update(filings)
      .set({ duplicateSuspected: false, updatedAt: sql`now()` })
      .where(eq(filings.id, kept.id))
      .returning();
    const keptDepartment = rows.find(({ filing }) => filing.id === kept.id)!.departmentId;
    audits.push({ action: "filing.duplicate_kept", entity: "filing", entityId: kept.id, departmentId: keptDepartment, before: kept, after: keptAfter });
    for (const { filing, departmentId, context } of closing) {
      const closed = await changeFilingStatus(tx, { filing, to: "closed_duplicate", reason: data.reason, staffId: actor.id, context });
      await tx.update(filings).set({ duplicateSuspected: false }).where(eq(filings.id, filing.id));
      audits.push({ action: "filing.duplicate_closed", entity: "filing", entityId: filing.id, departmentId, before: filing, after: closed });
    }
    return { result: { kept: kept.id, closed: closing.length }, audit: audits };
  },
});

function receiptList(rows: { filing: Filing }[]): string {
  return rows.map(({ filing }) => filing.receiptNumber).join("、");
}
