/** The queue opens on what needs a reviewer: 審査待ち. */
export const DEFAULT_QUEUE_STATUS = "submitted";
/** The status filter's value for 「すべて」 (an empty value would mean the default). */
export const ALL_STATUSES = "all";

const QUEUE_FILTER_NAMES = ["q", "status", "channel", "duplicate", "from", "to", "dir"] as const;

/** A filing page opened from the queue carries its filters (at least the status) in the URL. */
export function openedFromQueue(params: Record<string, string | string[] | undefined>): boolean {
  return QUEUE_FILTER_NAMES.some((name) => Boolean(params[name]));
}

/**
 * The queue's filters as a query string (without position or page size) to carry into a filing's page and back,
 * so that 「次の申請へ」 walks the same list; the default 審査待ち is written out.
 */
export function queueFilterQuery(params: Record<string, string | string[] | undefined>): string {
  const query = new URLSearchParams();
  for (const name of QUEUE_FILTER_NAMES) {
    const value = params[name];
    const first = Array.isArray(value) ? value[0] : value;
    if (first) query.set(name, first);
  }
  // The queue opened without a status shows 審査待ち: the filing's page walks that same list.
  if (!query.has("status")) query.set("status", DEFAULT_QUEUE_STATUS);
  const text = query.toString();
  return text ? `?${text}` : "";
}

/**
 * The review queue's URL → the queue operation's input. The table's generic names (pageSize, cursor, dir)
 * map onto listFilingQueue's (limit, cursor, dir); anything malformed is dropped there, not here.
 */
export function queueInputFromSearchParams(programId: string, params: Record<string, string | string[] | undefined>) {
  const one = (name: string) => {
    const value = params[name];
    const first = Array.isArray(value) ? value[0] : value;
    return first === undefined || first === "" ? undefined : first;
  };
  const to = one("to");
  const status = one("status") ?? DEFAULT_QUEUE_STATUS;
  return {
    programId,
    status: status === ALL_STATUSES ? undefined : status,
    channel: one("channel"),
    duplicate: one("duplicate"),
    from: jstDayStart(one("from")),
    // A date-only "to" means through the end of that day in Japan time.
    to: to && /^\d{4}-\d{2}-\d{2}$/.test(to) ? `${to}T23:59:59.999+09:00` : to,
    q: one("q"),
    dir: one("dir"),
    cursor: one("cursor"),
    limit: one("pageSize"),
  };
}

/** "from" as a date-only value means from the start of that day in Japan time. */
export function jstDayStart(value: string | undefined): string | undefined {
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00+09:00` : value;
}
