import { z } from "zod";
import { safeText } from "@/lib/validation/text";

/** Search and export share these filters; the screen keeps them in the URL. */
export const AUDIT_SORTS = ["at", "action", "entity", "actor"] as const;
export type AuditSort = (typeof AUDIT_SORTS)[number];
export const AUDIT_PAGE_SIZES = [20, 50, 100] as const;

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day (YYYY-MM-DD) in Japan time, as sent by `<input type="date">`. */
const jstDate = (label: string) =>
  safeText({ label, max: 10 })
    .optional()
    .transform((value) => (value === "" ? undefined : value))
    .pipe(
      z
        .string()
        .regex(DATE_PATTERN, { error: `${label}は 2026-04-01 の形で入力してください` })
        .refine((value) => isRealDate(value), { error: `${label}に存在しない日付が指定されています` })
        .optional(),
    );

function isRealDate(value: string): boolean {
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 2000 && y <= 2100;
}

const optionalText = (label: string, max: number) =>
  safeText({ label, max })
    .optional()
    .transform((value) => (value ? value : undefined));

/** Action and entity names are dotted identifiers such as `staff.create`; a prefix such as `auth` matches `auth.*`. */
const identifier = (label: string) =>
  optionalText(label, 100).pipe(
    z
      .string()
      .regex(/^[a-z0-9_.-]+$/i, { error: `${label}は英数字・ピリオド・下線で入力してください（例: staff.create）` })
      .optional(),
  );

export const auditFiltersSchema = z
  .object({
    actor: optionalText("操作者", 100),
    action: identifier("操作"),
    entity: identifier("対象の種類"),
    entityId: optionalText("対象ID", 200),
    departmentId: safeText({ label: "部署", max: 36 })
      .optional()
      .transform((value) => (value ? value : undefined))
      .pipe(z.uuid({ error: "部署を一覧から選んでください" }).optional()),
    from: jstDate("開始日"),
    to: jstDate("終了日"),
  })
  .refine((value) => !value.from || !value.to || value.from <= value.to, {
    path: ["to"],
    error: "終了日は開始日と同じか後の日付にしてください",
  });
export type AuditFilters = z.infer<typeof auditFiltersSchema>;

/** Sorting and paging never fail: a hand-edited URL falls back to the defaults. */
const ordering = {
  sort: z.enum(AUDIT_SORTS).default("at").catch("at"),
  dir: z.enum(["asc", "desc"]).default("desc").catch("desc"),
};

export const auditSearchParamsSchema = auditFiltersSchema.and(
  z.object({
    ...ordering,
    page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
    pageSize: z.coerce
      .number()
      .int()
      .refine((size) => (AUDIT_PAGE_SIZES as readonly number[]).includes(size))
      .default(20)
      .catch(20),
  }),
);
export type AuditSearchParams = z.infer<typeof auditSearchParamsSchema>;

/** The export writes every matching entry in recording order (oldest or newest first). */
export const auditExportParamsSchema = auditFiltersSchema.and(
  z.object({ dir: z.enum(["asc", "desc"]).default("desc").catch("desc") }),
);
export type AuditExportParams = z.infer<typeof auditExportParamsSchema>;

export const viewAuditEntrySchema = z.object({
  entryId: z.coerce.number({ error: "監査ログの番号が正しくありません" }).int().min(1).max(Number.MAX_SAFE_INTEGER),
});

export const AUDIT_FILTER_KEYS = ["actor", "action", "entity", "entityId", "departmentId", "from", "to"] as const;

/** URL search params (Next.js page props or URLSearchParams) as a plain object of first values. */
export function searchParamsToObject(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string> {
  const entries =
    params instanceof URLSearchParams
      ? [...params.entries()]
      : Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value] as const);
  const result: Record<string, string> = {};
  for (const [key, value] of entries) {
    if (typeof value === "string" && !(key in result)) result[key] = value;
  }
  return result;
}
