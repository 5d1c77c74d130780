/** Postgres unique_violation, from either driver (postgres.js or PGlite), possibly wrapped by drizzle. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const candidate = current as { code?: string; constraint_name?: string; constraint?: string; cause?: unknown };
    if (candidate.code === "23505") {
      const name = candidate.constraint_name ?? candidate.constraint;
      return constraint === undefined || name === constraint;
    }
    current = candidate.cause;
  }
  return false;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

/**
 * The SQLSTATE of a database error from either driver, looking through drizzle's DrizzleQueryError (whose message
 * carries the query text and its parameters); null for anything that is not a database error.
 */
export function databaseErrorCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === "object" && depth < 4; depth++) {
    const candidate = current as { code?: unknown; cause?: unknown; name?: unknown };
    if (typeof candidate.code === "string" && SQLSTATE.test(candidate.code)) return candidate.code;
    current = candidate.cause;
  }
  const name = (error as { name?: unknown } | null)?.name;
  return name === "DrizzleQueryError" || name === "PostgresError" ? "XX000" : null;
}

export type PublicDatabaseFailure = { status: 400 | 409 | 503; error: string };

/**
 * What a user may be told about a database error: a generic Japanese message and a status, never the driver's
 * text (which names tables, columns and the values sent). The detail goes to the server log with the request id.
 */
export function publicDatabaseFailure(error: unknown, context: { requestId: string | null; where: string }): PublicDatabaseFailure {
  const code = databaseErrorCode(error) ?? "unknown";
  const reference = context.requestId ? `（問い合わせ番号: ${context.requestId}）` : "";
  console.error(`[db] ${context.where} failed request=${context.requestId ?? "-"} sqlstate=${code}`, error);
  // Class 22 (data exception) and 23 (integrity): the input could not be stored as sent.
  if (code.startsWith("22") || code.startsWith("23")) {
    return { status: 400, error: `入力された内容を保存できませんでした。使えない文字が含まれていないか確認してください${reference}` };
  }
  // Class 40 (serialization failure, deadlock): another change crossed this one.
  if (code.startsWith("40")) return { status: 409, error: `他の操作と重なりました。画面を更新してもう一度お試しください${reference}` };
  return { status: 503, error: `一時的に処理できませんでした。時間をおいてもう一度お試しください${reference}` };
}
