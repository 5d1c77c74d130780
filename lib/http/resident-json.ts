import { getResidentMessages } from "@/lib/i18n/resident";
import { residentFailureText, type ResidentError } from "@/lib/i18n/resident-errors";

/** JSON for LIFF endpoints: personal data is never cached, and bodies this small are not worth compressing. */
export function residentJson(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("cache-control", "private, no-store, no-transform");
  return Response.json(body, { ...init, headers });
}

type ResidentFailure = { status: number; error: string; resident?: ResidentError; fieldErrors?: Record<string, string[]> };

/**
 * A refusal in the resident's language (cookie, else Accept-Language): `{ error, code?, lang?, fieldErrors? }`,
 * where `lang` is "ja" when the text is the server's own Japanese because no code says more. `fieldErrors` are
 * the schema's Japanese details, for API callers; LIFF pages show `error`.
 */
export async function residentErrorJson(failure: ResidentFailure, init: ResponseInit = {}): Promise<Response> {
  const { t } = await getResidentMessages();
  const { text, lang } = residentFailureText(t, failure);
  return residentJson(
    { error: text, ...(failure.resident ? { code: failure.resident.code } : {}), ...(lang ? { lang } : {}), ...(failure.fieldErrors ? { fieldErrors: failure.fieldErrors } : {}) },
    { ...init, status: failure.status },
  );
}
