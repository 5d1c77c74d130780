import "server-only";
import { GuardError, MESSAGES } from "@/lib/auth/guard";
import { defineOperation } from "@/lib/auth/operation";
import { getAuditEntries, getAuditEntryById, getAuditExportScope } from "./queries";
import { auditExportParamsSchema, auditSearchParamsSchema, viewAuditEntrySchema } from "./validations";

/** The audit log holds personal data (names, login ids, before/after of records): every search is itself audited. */
export const searchAuditLog = defineOperation({
  action: "audit.search",
  schema: auditSearchParamsSchema,
  async run({ data, tx }) {
    const page = await getAuditEntries(tx, data);
    return {
      result: { ...page, params: data },
      audit: { entity: "audit_log", departmentId: data.departmentId ?? null, after: { filters: data, shown: page.rows.length, total: page.total } },
    };
  },
});

/** Opening one entry shows its before/after in full. */
export const viewAuditEntry = defineOperation({
  action: "audit.search",
  schema: viewAuditEntrySchema,
  async run({ data, tx }) {
    const entry = await getAuditEntryById(tx, { entryId: data.entryId });
    if (!entry) throw new GuardError(404, MESSAGES.notFound);
    return { result: entry, audit: { action: "audit.view", entity: "audit_log", entityId: String(entry.id) } };
  },
});

/**
 * Authorises and records an export before a single row leaves: the audit entry names the filters and the exact
 * range (entries up to `upToId`) that the stream will then write.
 */
export const exportAuditLog = defineOperation({
  action: "audit.export",
  schema: auditExportParamsSchema,
  async run({ data, tx }) {
    const scope = await getAuditExportScope(tx, data);
    return {
      result: { params: data, ...scope },
      audit: { entity: "audit_log", departmentId: data.departmentId ?? null, after: { filters: data, rows: scope.rows, upToId: scope.upToId, format: "csv" } },
    };
  },
});
