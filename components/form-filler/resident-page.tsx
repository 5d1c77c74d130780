"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { ATTACHMENT_MESSAGES } from "@/lib/forms/attachment-messages";
import { refusalFromResponse } from "@/lib/i18n/resident-errors";
import { PageScreen, type PageScreenProps } from "./page-screen";

type Props = Omit<PageScreenProps, "onSubmit" | "back" | "canLeave"> & {
  draftId: string;
  code: string;
  backHref: string;
  /** Opened from check-your-answers' change link: save goes back there, through any page the change left unanswered. */
  fromCheck?: boolean;
};

/** The resident's screen: each page is saved to the draft on the server before the next one opens. */
export function ResidentPage({ draftId, code, backHref, fromCheck = false, ...props }: Props) {
  const router = useRouter();
  const pageId = props.definition.pages[props.pageIndex]!.id;
  return (
    <PageScreen
      {...props}
      canLeave
      upload={async (questionId, file) => {
        const body = new FormData();
        body.set("draftId", draftId);
        body.set("questionId", questionId);
        body.set("file", file);
        const response = await fetch("/api/forms/attachments", { method: "POST", body });
        const json = (await response.json().catch(() => null)) as { id?: string; name?: string; size?: number; type?: string; error?: string } | null;
        if (response.ok && json?.id) return { ok: true, answer: { fileId: json.id, name: json.name ?? file.name, size: json.size ?? file.size, type: json.type ?? file.type } };
        return { ok: false, message: json?.error ?? ATTACHMENT_MESSAGES[props.locale].failed };
      }}
      back={
        <Link href={backHref} className="text-std-18N-160">
          {props.messages.back}
        </Link>
      }
      onSubmit={async (answers, intent) => {
        const response = await fetch(`/api/liff/forms/drafts/${draftId}/pages/${pageId}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ answers, locale: props.locale }),
        });
        if (response.ok) {
          const body = (await response.json()) as { nextPageId: string | null; nextAfterChangePageId: string | null };
          const target = fromCheck ? body.nextAfterChangePageId : body.nextPageId;
          const next = target ? `/liff/forms/${code}/p/${target}?${fromCheck ? "change=1&" : ""}saved=1` : `/liff/forms/${code}/check?saved=1`;
          router.push(intent === "leave" ? `/liff/forms?saved=${code}` : next);
          return { ok: true };
        }
        const fieldErrors = response.status === 400 ? (((await response.clone().json().catch(() => null)) as { fieldErrors?: Record<string, string[]> } | null)?.fieldErrors ?? {}) : {};
        const refusal = await refusalFromResponse(response, props.messages.failed);
        return { ok: false, message: refusal.text, fieldErrors: Object.fromEntries(Object.entries(fieldErrors).map(([k, v]) => [k, v[0] ?? refusal.text])) };
      }}
    />
  );
}
