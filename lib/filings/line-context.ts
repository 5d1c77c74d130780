import "server-only";
import { sql } from "drizzle-orm";
import { cachedStatementsByShape } from "@/db/cached-statement";
import type { ResidentSession } from "@/lib/residents/guard";
import type { Executor } from "@/db";
import { rowFromJson, rowsOf } from "@/db/rows";
import { departments, type Department } from "@/db/schema/departments";
import { ACTIVE_FILING_PREDICATE, filings, type FilingChannel } from "@/db/schema/filings";
import { jpkiVerifications, type JpkiVerification } from "@/db/schema/jpki";
import { residents } from "@/db/schema/residents";
import { benefitPrograms, householdMembers, households, type BenefitProgram, type Household, type HouseholdMember } from "@/db/schema/programs";

export type ActiveFilingSummary = { id: string; householdId: string; submittedAt: Date; channel: FilingChannel; residentId: string | null };

/** Everything a LINE filing decides on, read in one statement. */
export type LineFilingContext = {
  program: BenefitProgram | null;
  verification: JpkiVerification | null;
  /** Every member of each household the verified identity (name key and birth date) or the reference code points at. */
  rows: { member: HouseholdMember; household: Household; via: "identity" | "reference" }[];
  /** Active filings of those households (read for the check-your-answers page only, not for a submission). */
  active: ActiveFilingSummary[];
  department: Department | null;
  /** Drawn only for a submission, so the receipt message can name it. */
  receiptNumber: string | null;
  /** The resident's stored language, for the receipt message when the session does not carry it. */
  residentLocale: string | null;
  /** The statement's row, for the session's check when it rode along (ResidentSession.confirm). */
  sessionRow: Record<string, unknown> | undefined;
};

type Json = Record<string, unknown>;

type ContextName = "programId" | "residentId" | "purpose" | "referenceCode" | "drawReceipt";

/** The statement's text, built once per session-check shape (db/cached-statement.ts). */
const contextStatement = cachedStatementsByShape<{ session: ResidentSession["check"] }, ContextName>(
  (shape) => shape.session?.key ?? "-",
  ({ session }, p) => sql`
      with ${session?.cte ?? sql``} p as (select * from ${benefitPrograms} where id = ${p("programId")}::uuid),
      v as (
        select * from ${jpkiVerifications}
        where resident_id = ${p("residentId")}::uuid and purpose = ${p("purpose")}::text and expires_at > now()
        order by verified_at desc limit 1
      ),
      cand as (
        select h.id, 'identity' as via from ${households} h
        where h.program_id = ${p("programId")}::uuid
          and h.id in (select c.household_id from ${householdMembers} c join v on c.birth_date = v.birthdate::date and c.name_key = v.name_key)
        union all
        select h.id, 'reference' from ${households} h where h.program_id = ${p("programId")}::uuid and h.reference_code = ${p("referenceCode")}::text
      )
      select
        (select to_jsonb(p) from p) as program,
        (select to_jsonb(v) from v) as verification,
        (select jsonb_agg(jsonb_build_object('member', to_jsonb(m), 'household', to_jsonb(h), 'via', cand.via) order by m.household_id, m.position)
           from cand join ${households} h on h.id = cand.id join ${householdMembers} m on m.household_id = h.id) as members,
        -- From the candidates (lateral): an IN over the CTE walked every active filing of the program, growing with each filing.
        -- Only the check-your-answers page reads them; a submission relies on the unique index (not evaluated then).
        case when not ${p("drawReceipt")}::boolean then (select jsonb_agg(jsonb_build_object('id', f.id, 'householdId', f.household_id, 'submittedAt', f.submitted_at, 'channel', f.channel, 'residentId', f.resident_id))
           from (select distinct id from cand) c
           cross join lateral (select * from ${filings} f where f.program_id = ${p("programId")}::uuid and f.household_id = c.id and ${ACTIVE_FILING_PREDICATE}) f) end as active,
        (select to_jsonb(d) from ${departments} d join p on d.id = p.department_id) as department,
        case when ${p("drawReceipt")}::boolean then (select code from p) || '-' || lpad(nextval('filing_receipt_seq')::text, 7, '0') end as receipt_number,
        (select locale from ${residents} where id = ${p("residentId")}::uuid) as resident_locale
        ${session?.columns ?? sql``}`,
);

/**
 * One round trip: the program, the newest valid verification for the purpose, the roster candidates found
 * through the verification's stored matching keys (household_members_identity_idx) or the letter's reference
 * code, their active filings, the department's counter guidance and, for a submission, the receipt number.
 */
export async function readLineFilingContext(
  db: Executor,
  input: { residentId: string; programId: string; purpose: string; referenceCode: string | null; drawReceipt: boolean; session?: ResidentSession },
): Promise<LineFilingContext> {
  const check = input.session?.check ?? null;
  const [row] = rowsOf<{ program: Json | null; verification: Json | null; members: Json[] | null; active: Json[] | null; department: Json | null; receipt_number: string | null; resident_locale: string | null } & Json>(
    await contextStatement(db, { session: check }, {
      ...check?.values,
      programId: input.programId,
      residentId: input.residentId,
      purpose: input.purpose,
      referenceCode: input.referenceCode,
      drawReceipt: input.drawReceipt,
    }),
  );
  return {
    sessionRow: row,
    program: row?.program ? rowFromJson(benefitPrograms, row.program) : null,
    verification: row?.verification ? rowFromJson(jpkiVerifications, row.verification) : null,
    rows: (row?.members ?? []).map((r) => ({
      member: rowFromJson(householdMembers, r.member as Json),
      household: rowFromJson(households, r.household as Json),
      via: r.via as "identity" | "reference",
    })),
    active: (row?.active ?? []).map((f) => ({
      id: String(f.id),
      householdId: String(f.householdId),
      submittedAt: new Date(String(f.submittedAt)),
      channel: f.channel as FilingChannel,
      residentId: (f.residentId as string | null) ?? null,
    })),
    department: row?.department ? rowFromJson(departments, row.department) : null,
    receiptNumber: row?.receipt_number ?? null,
    residentLocale: row?.resident_locale ?? null,
  };
}
