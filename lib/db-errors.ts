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
