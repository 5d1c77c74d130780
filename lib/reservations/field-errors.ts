import type { z } from "zod";

/** zod issues as { "a.b": [message] }, the shape the guard returns, for forms that check before sending. */
export function zodFieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) (fields[issue.path.join(".") || "_form"] ??= []).push(issue.message);
  return fields;
}
