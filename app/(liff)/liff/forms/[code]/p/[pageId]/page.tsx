import { notFound, redirect } from "next/navigation";
import { ResidentPage } from "@/components/form-filler/resident-page";
import { rubyFor } from "@/components/liff/furigana";
import { Notice } from "@/components/liff/ui";
import { fill, FORM_PAGE_MESSAGES, residentDate } from "@/lib/forms/page-messages";
import { isOnPath, pageAnswersOf, previousPageIndex } from "@/lib/forms/page-answers";
import { type Answers, pathOf } from "@/lib/forms/routing";
import { getResidentMessages, residentTitle } from "@/lib/i18n/resident";
import { loadDraft, resumeHref } from "../../load";

export const dynamic = "force-dynamic";
export const generateMetadata = residentTitle((t) => t.notYetOnline.apply.title);

/** One page of the form per screen, on the resident's route; its answers are saved before the next opens. */
export default async function FormPage({ params, searchParams }: { params: Promise<{ code: string; pageId: string }>; searchParams: Promise<{ saved?: string; change?: string }> }) {
  const { code, pageId } = await params;
  const { saved, change } = await searchParams;
  const { draft, definition, identity } = await loadDraft(code, `/liff/forms/${code}/p/${pageId}`);
  const pageIndex = definition.pages.findIndex((p) => p.id === pageId);
  if (pageIndex < 0) notFound();
  const answers = draft.answers as Answers;
  // A page the route does not pass (an earlier answer changed) is never shown: back to where the resident is.
  if (!isOnPath(definition, answers, pageIndex)) redirect(resumeHref(code, draft, definition));
  const { locale } = await getResidentMessages();
  const m = FORM_PAGE_MESSAGES[locale];
  const path = pathOf(definition, answers);
  const previous = previousPageIndex(definition, answers, pageIndex);
  const backHref = previous !== null ? `/liff/forms/${code}/p/${definition.pages[previous]!.id}` : definition.identity === "jpki" ? `/liff/forms/${code}/identity` : `/liff/forms/${code}`;
  const initial = pageAnswersOf(definition, pageIndex, answers);
  return (
    <>
      {saved === "1" ? <Notice tone="ok">{rubyFor(locale)(fill(m.filler.saved, { date: residentDate(draft.expiresAt, locale) }))}</Notice> : null}
      <ResidentPage
        key={pageId}
        draftId={draft.id}
        code={code}
        backHref={change === "1" ? `/liff/forms/${code}/check` : backHref}
        fromCheck={change === "1"}
        definition={definition}
        pageIndex={pageIndex}
        initial={initial}
        identity={identity}
        locale={locale}
        messages={m.filler}
        progress={{ n: path.indexOf(pageIndex) + 1, total: path.length }}
      />
    </>
  );
}
