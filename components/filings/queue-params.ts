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
  return {
    programId,
    status: one("status"),
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
