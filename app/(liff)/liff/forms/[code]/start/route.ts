import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { getFormIdentity, getLiveFormByCode } from "@/lib/forms/filling";
import { startOrResumeDraftOperation } from "@/lib/forms/drafts";
import { resumeTarget } from "@/lib/forms/page-answers";
import { getCurrentResident, runAsCurrentResident } from "@/lib/residents/current";

export const dynamic = "force-dynamic";

/** 申請をはじめる / 続きから: starts (or resumes) the draft, then the identity step or the saved page. */
export async function POST(request: Request, { params }: { params: Promise<{ code: string }> }): Promise<Response> {
  const { code } = await params;
  const here = new URL(request.url);
  const intro = new URL(`/liff/forms/${code}`, here);
  if (!/^[a-z0-9][a-z0-9-]{1,39}$/.test(code)) return NextResponse.redirect(new URL("/liff/forms", here), 303);
  const resident = await getCurrentResident();
  if (!resident) return NextResponse.redirect(new URL("/liff", here), 303);
  const db = await getDb();
  const form = await getLiveFormByCode(db, { code });
  if (!form) return NextResponse.redirect(new URL("/liff/forms", here), 303);
  const started = await runAsCurrentResident(startOrResumeDraftOperation, { formId: form.id }, request);
  if (!started.ok) {
    intro.searchParams.set("error", started.status === 429 ? "rate_limited" : "invalid");
    return NextResponse.redirect(intro, 303);
  }
  const { definition, draft } = started.data;
  if (definition.identity === "jpki" && !(await getFormIdentity(db, { residentId: resident.id, formId: form.id }))) {
    return NextResponse.redirect(new URL(`/liff/forms/${code}/identity`, here), 303);
  }
  const target = resumeTarget(definition, draft);
  return NextResponse.redirect(new URL(target === "check" ? `/liff/forms/${code}/check` : `/liff/forms/${code}/p/${target.page}`, here), 303);
}
