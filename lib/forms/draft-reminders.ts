import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { rowsOf } from "@/db/rows";
import { writeAudit } from "@/lib/audit/log";
import { formatWareki } from "@/lib/dates/wareki";
import type { ResidentLocale } from "@/lib/i18n/locale";
import { startJobLoop } from "@/lib/jobs/loop";
import { liffUrl } from "@/lib/line/links";
import { enqueuePush } from "@/lib/line/outbox";
import { residentLocaleOrDefault } from "@/lib/residents/locale";
import { todayInJapan } from "./answers";
import { type FormDefinition, textIn } from "./definition";
import { FORM_MESSAGES } from "./messages";

const SYSTEM = { type: "system" as const, id: null, label: "form-jobs" };
/** A draft is reminded once when it has this long left… */
export const REMINDER_LEAD_HOURS = 48;
/** …and has not been touched for this long (a draft saved a minute ago with a one-day life needs no reminder yet). */
export const REMINDER_IDLE_HOURS = 12;
const BATCH = 100;

export function expiryDateText(expiresAt: Date, locale: ResidentLocale): string {
  const iso = todayInJapan(expiresAt);
  if (locale !== "en") return formatWareki(iso);
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Tokyo", day: "numeric", month: "long", year: "numeric" }).format(expiresAt);
}

type Claimed = { id: string; expires_at: string | Date; form_code: string; definition: FormDefinition; line_user_id: string; locale: string | null; department_id: string };

/**
 * Queues the one LINE reminder of every draft about to expire. The claim is a single UPDATE … RETURNING over rows
 * locked FOR UPDATE SKIP LOCKED, in the transaction that queues the messages: concurrent workers take disjoint
 * rows and a committed claim (reminder_sent_at) is never taken again, so each draft gets exactly one message.
 */
export async function sendDraftExpiryReminders(now = new Date()): Promise<number> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const claimed = rowsOf<Claimed>(
      await tx.execute(sql`
        with due as (
          select d.id from form_drafts d
          where d.reminder_sent_at is null
            and d.expires_at > ${now.toISOString()}::timestamptz
            and d.expires_at <= ${now.toISOString()}::timestamptz + make_interval(hours => ${REMINDER_LEAD_HOURS})
            and d.updated_at <= ${now.toISOString()}::timestamptz - make_interval(hours => ${REMINDER_IDLE_HOURS})
          order by d.expires_at
          limit ${BATCH}
          for update skip locked
        )
        update form_drafts f set reminder_sent_at = ${now.toISOString()}::timestamptz
        from due, forms fo, form_versions v, residents r
        where f.id = due.id and fo.id = f.form_id and v.id = f.version_id and r.id = f.resident_id
        returning f.id, f.expires_at, fo.code as form_code, fo.department_id, v.definition, r.line_user_id, r.locale`),
    );
    for (const draft of claimed) {
      const locale = residentLocaleOrDefault(draft.locale);
      const expiresAt = new Date(draft.expires_at);
      const text = `${FORM_MESSAGES[locale].line.draftExpiring(textIn(draft.definition.title, locale), expiryDateText(expiresAt, locale))}\n${liffUrl(`/forms/${draft.form_code}`)}`;
      await enqueuePush(tx, { to: draft.line_user_id, messages: [{ type: "text", text }], cause: `form_draft:${draft.id}:expiry_reminder`, dedupeKey: `form_draft:${draft.id}:reminder:${expiresAt.toISOString()}` });
    }
    if (claimed.length) {
      await writeAudit(tx, claimed.map((d) => ({ action: "form.draft_reminder", actor: SYSTEM, requestId: null, entity: "form_draft", entityId: d.id, departmentId: d.department_id, after: { expiresAt: new Date(d.expires_at).toISOString() } })));
    }
    return claimed.length;
  });
}

/** The forms' job loop beside the outbox worker (scripts/worker.ts) or in process (lib/forms/in-process.ts). */
export function startFormJobs(options: { intervalMs?: number; log?: (line: string) => void } = {}) {
  return startJobLoop({ name: "forms", round: () => sendDraftExpiryReminders(), describe: (sent) => (sent ? `draft_reminders=${sent}` : null), ...options });
}
