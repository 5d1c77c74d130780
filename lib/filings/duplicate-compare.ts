/** The fields of a suspected group compared side by side, and which of them differ between its filings. */
export const COMPARED_FIELDS = ["channel", "representativeName", "representativeKana", "birthDate", "address", "householdCode", "memberCount", "points"] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

/** Fields whose values are not all equal across the group (the reviewer's eye goes there first). */
export function differingFields(filings: readonly Record<ComparedField, string | number>[]): Set<ComparedField> {
  return new Set(COMPARED_FIELDS.filter((field) => new Set(filings.map((f) => String(f[field]).normalize("NFKC").replace(/\s+/g, " ").trim())).size > 1));
}
