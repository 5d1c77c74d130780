import "server-only";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db";
import { getFormIdentity, getLiveFormByCode, getResidentDraft } from "@/lib/forms/filling";
import { resumeTarget } from "@/lib/forms/page-answers";
import { requireResidentPage } from "@/lib/residents/current";

/** Every screen of a form: the signed-in resident and the live form by code (404 for an unknown code). */
export async function loadForm(code: string, path: string) {
  const resident = await requireResidentPage(path);
  if (!/^[a-z0-9][a-z0-9-]{1,39}$/.test(code)) notFound();
  const db = await getDb();
  const form = await getLiveFormByCode(db, { code });
  if (!form) notFound();
  return { resident, form, db };
}

/**
 * The screens after the intro: the resident's draft (none → back to the intro to start one) and, for a form that
 * asks for the card, the verified identity (none or expired → the identity step).
 */
export async function loadDraft(code: string, path: string) {
  const { resident, form, db } = await loadForm(code, path);
  const found = await getResidentDraft(db, { residentId: resident.id, formId: form.id });
  if (!found) redirect(`/liff/forms/${code}`);
  const identity = found.definition.identity === "jpki" ? await getFormIdentity(db, { residentId: resident.id, formId: form.id }) : null;
  if (found.definition.identity === "jpki" && !identity) redirect(`/liff/forms/${code}/identity`);
  return { resident, form, ...found, identity };
}

/** Where the resident continues: the saved page, or check-your-answers when the route is done. */
export function resumeHref(code: string, draft: Parameters<typeof resumeTarget>[1], definition: Parameters<typeof resumeTarget>[0]): string {
  const target = resumeTarget(definition, draft);
  return target === "check" ? `/liff/forms/${code}/check` : `/liff/forms/${code}/p/${target.page}`;
}
