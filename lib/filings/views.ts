import "server-only";
import { GuardError, MESSAGES } from "@/lib/auth/guard";
import { defineOperation } from "@/lib/auth/operation";
import { getProgramById } from "@/lib/programs/queries";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { filings } from "@/db/schema/filings";
import { householdMembers, households } from "@/db/schema/programs";
import { findDuplicateGroupsAround, getOldestFlaggedFilingIds } from "./duplicates";
import { getFilingDetail, getFilingQueuePage, getNextQueuedFilingId } from "./queries";
import { filingViewSchema, queueParamsSchema } from "./validations";

/** The review queue; its rows carry names and addresses, so every page view is audited. */
export const listFilingQueue = defineOperation({
  action: "filing.list",
  schema: queueParamsSchema,
  departments: async (data, tx) => {
    const program = await getProgramById(tx, { programId: data.programId });
    if (!program) throw new GuardError(404, MESSAGES.notFound);
    return [program.departmentId];
  },
  async run({ data, tx }) {
    const page = await getFilingQueuePage(tx, data);
    return {
      result: page,
      audit: { action: "filing.list", entity: "benefit_program", entityId: data.programId, after: { filters: { ...data, cursor: undefined }, shown: page.rows.length } },
    };
  },
});

export const viewFiling = defineOperation({
  action: "filing.view",
  schema: filingViewSchema,
  departments: async (data, tx) => {
    const [row] = await tx.select({ programId: filings.programId }).from(filings).where(eq(filings.id, data.filingId));
    if (!row) throw new GuardError(404, MESSAGES.notFound);
    return [(await getProgramById(tx, { programId: row.programId }))!.departmentId];
  },
  async run({ data, tx }) {
    const detail = (await getFilingDetail(tx, data))!;
    // The queue's program is the filing's own: filters from another program's URL never leak across.
    const nextFilingId = data.queue
      ? await getNextQueuedFilingId(tx, { queue: { ...data.queue, programId: detail.filing.programId }, after: { submittedAt: detail.filing.submittedAt, id: detail.filing.id } })
      : null;
    return { result: { ...detail, nextFilingId }, audit: { entity: "filing", entityId: data.filingId } };
  },
});

/**
 * Suspected duplicate groups still open for review (at least one filing flagged by a scan), each filing with
 * what staff compare side by side. Shows names, addresses and birth dates, so the view is audited.
 */
export const viewDuplicateGroups = defineOperation({
  action: "filing.resolve_duplicate",
  schema: z.object({ programId: z.uuid() }),
  departments: async (data, tx) => {
    const program = await getProgramById(tx, { programId: data.programId });
    if (!program) throw new GuardError(404, MESSAGES.notFound);
    return [program.departmentId];
  },
  async run({ data, tx }) {
    // Only groups holding a flagged filing are shown, around the oldest flagged ones: bounded work at any program size.
    const flagged = await getOldestFlaggedFilingIds(tx, data);
    const groups = await findDuplicateGroupsAround(tx, { programId: data.programId, filingIds: flagged });
    const ids = groups.flat();
    const rows = ids.length
      ? await tx
          .select({
            id: filings.id,
            receiptNumber: filings.receiptNumber,
            channel: filings.channel,
            status: filings.status,
            points: filings.points,
            memberCount: households.memberCount,
            duplicateSuspected: filings.duplicateSuspected,
            submittedAt: filings.submittedAt,
            householdCode: households.householdCode,
            address: households.address,
            representativeName: householdMembers.name,
            representativeKana: householdMembers.nameKana,
            birthDate: householdMembers.birthDate,
          })
          .from(filings)
          .innerJoin(households, eq(households.id, filings.householdId))
          .innerJoin(householdMembers, eq(householdMembers.id, filings.representativeMemberId))
          .where(and(eq(filings.programId, data.programId), inArray(filings.id, ids)))
      : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const open = groups
      .map((group) => group.map((id) => byId.get(id)!).filter(Boolean).sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime()))
      .filter((group) => group.length > 1 && group.some((f) => f.duplicateSuspected));
    return {
      result: open,
      audit: { action: "filing.duplicate_list", entity: "benefit_program", entityId: data.programId, after: { groups: open.length } },
    };
  },
});
