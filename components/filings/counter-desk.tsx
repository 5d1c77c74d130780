"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { IDENTITY_DOCUMENTS } from "@/db/schema/filings";
import { fileAtCounterAction } from "@/lib/filings/actions";
import { alreadyFiledMessage, FILING_STATUS_LABELS } from "@/lib/filings/rules";
import { counterFilingSchema, IDENTITY_DOCUMENT_LABELS } from "@/lib/filings/validations";
import { householdSearchSchema } from "@/lib/programs/validations";
import { recordCounterDuplicateStopAction, searchHouseholdsAction } from "@/lib/programs/actions";
import { alreadyFiledBadge, CHANNEL_LABELS, points, wareki, warekiOfInstant } from "./labels";

type SearchResult = Extract<Awaited<ReturnType<typeof searchHouseholdsAction>>, { ok: true }>["data"];
type HouseholdCard = SearchResult["households"][number];
type ActiveFiling = NonNullable<HouseholdCard["activeFiling"]>;

export const COUNTER_SHORTCUTS: [string, string][] = [
  ["F2", "検索欄へ戻る"],
  ["Enter", "検索する／世帯を選ぶ"],
  ["↑ ↓", "検索結果を移動"],
  ["1〜6", "本人確認書類を選ぶ"],
  ["Ctrl + Enter", "申請を登録する（差し戻しの申請は再提出する）"],
  ["Esc", "選んだ世帯を取り消す"],
];

/** A returned (差し戻し) filing is resubmitted at the counter; any other active filing blocks the household. */
const isReturned = (filing: ActiveFiling | null): filing is ActiveFiling => filing?.status === "returned";

/**
 * The counter clerk's one screen: search → pick a household → representative and ID document → confirm.
 * Everything is reachable from the keyboard; the duplicate refusal is announced at once.
 */
export function CounterDesk({ programId, programName }: { programId: string; programName: string }) {
  const searchRef = useRef<HTMLInputElement | null>(null);
  const resultRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const [result, setResult] = useState<SearchResult | null>(null);
  const [selected, setSelected] = useState<HouseholdCard | null>(null);

  // The search validates with the server's schema; a mistyped 照会番号 comes back as the field's error.
  const search = useActionForm({
    schema: householdSearchSchema,
    defaultValues: { programId, q: "" },
    action: async (values) => {
      setSelected(null);
      const outcome = await searchHouseholdsAction(values);
      if (!outcome.ok) setResult(null);
      return outcome;
    },
    onSuccess: setResult,
  });
  const { ref: registerSearchRef, ...searchField } = search.form.register("q");
  const searchError = search.form.formState.errors.q?.message ?? search.formError;
  const searching = search.form.formState.isSubmitting;

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key === "F2") {
        event.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  // Focus follows the flow after React has rendered: first result after a search.
  useEffect(() => {
    if (result?.households.length) resultRefs.current[0]?.focus();
  }, [result]);

  const cancel = () => {
    const index = result?.households.findIndex((h) => h.id === selected?.id) ?? -1;
    setSelected(null);
    requestAnimationFrame(() => (index >= 0 ? resultRefs.current[index]?.focus() : searchRef.current?.focus()));
  };

  const onResultKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const count = result?.households.length ?? 0;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      resultRefs.current[Math.min(index + 1, count - 1)]?.focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      if (index === 0) searchRef.current?.focus();
      else resultRefs.current[index - 1]?.focus();
    }
  };

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
      <div className="flex flex-col gap-4">
        <form role="search" aria-label="世帯の検索" onSubmit={search.submit} noValidate className="rounded-8 border border-solid-gray-200 bg-white p-4">
          <label htmlFor="counter-search" className="text-std-16B-170">
            世帯を探す（照会番号・氏名・カナ・住所・生年月日）
          </label>
          <div className="mt-1 flex gap-2">
            <input
              id="counter-search"
              {...searchField}
              ref={(el) => {
                registerSearchRef(el);
                searchRef.current = el;
              }}
              type="search"
              autoFocus
              autoComplete="off"
              onKeyDown={(event) => {
                if (event.key === "ArrowDown" && result?.households.length) {
                  event.preventDefault();
                  resultRefs.current[0]?.focus();
                }
              }}
              aria-describedby={searchError ? "counter-search-error counter-search-hint" : "counter-search-hint"}
              aria-invalid={Boolean(searchError)}
              className="block w-full rounded-8 border border-solid-gray-600 bg-white px-4 py-3 text-std-18B-160"
            />
            <Button type="submit" size="lg" disabled={searching} className="shrink-0 whitespace-nowrap">
              {searching ? "検索中…" : "検索"}
            </Button>
          </div>
          <p id="counter-search-hint" className="mt-1 text-std-16N-170 text-solid-gray-700">
            例: 照会番号「AB3C-…」、「たかはし」、「3条東2丁目11」、「S25.4.1」。空白で区切ると条件を組み合わせます（例:「たかはし S25.4.1」「緑町 高橋」）
          </p>
          {searchError ? (
            <p id="counter-search-error" role="alert" className="mt-2 text-std-16B-170 text-error-2">
              {searchError}
            </p>
          ) : null}
        </form>

        {result ? (
          <section aria-labelledby="counter-results" className="flex flex-col gap-2">
            <h2 id="counter-results" className="text-std-18B-160" aria-live="polite">
              検索結果 {result.households.length}世帯
              {result.truncated ? "（多すぎるため先頭20世帯のみ。空白で区切って条件を足してください）" : ""}
            </h2>
            {result.households.length === 0 ? (
              <p className="rounded-8 border border-solid-gray-200 bg-white p-4 text-std-16N-170">
                見つかりませんでした。照会番号、カナ、生年月日（例: S25.4.1）でも探せます。条件を組み合わせたときは、減らしてみてください。
              </p>
            ) : (
              <ul className="flex flex-col gap-2" data-testid="counter-results">
                {result.households.map((household, index) => {
                  const head = household.members.find((m) => m.isHead);
                  return (
                    <li key={household.id}>
                      <button
                        type="button"
                        ref={(el) => {
                          resultRefs.current[index] = el;
                        }}
                        onClick={() => setSelected(household)}
                        onKeyDown={(event) => onResultKey(event, index)}
                        aria-pressed={selected?.id === household.id}
                        className={`w-full rounded-8 border-2 bg-white p-4 text-left focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-black ${
                          selected?.id === household.id ? "border-blue-900 bg-blue-50" : "border-solid-gray-200 hover:border-blue-900"
                        }`}
                      >
                        <span className="flex flex-wrap items-center justify-between gap-2">
                          <span className="text-std-18B-160">
                            {head?.name ?? "（世帯主なし）"} さんの世帯
                            <span className="ml-2 text-std-16N-170 text-solid-gray-700">世帯番号 {household.householdCode}</span>
                          </span>
                          {isReturned(household.activeFiling) ? (
                            <Badge tone="warning">差し戻し中（再提出できます）</Badge>
                          ) : household.activeFiling ? (
                            <Badge tone="error">{alreadyFiledBadge(household.activeFiling)}</Badge>
                          ) : (
                            <Badge tone="success">未申請</Badge>
                          )}
                        </span>
                        <span className="mt-1 block text-std-16N-170">{household.address}</span>
                        <span className="mt-1 block text-std-16N-170">
                          {household.memberCount}人・{points(household.points)}
                        </span>
                        <span className="mt-2 block">
                          {household.members.map((m) => (
                            <span key={m.id} className="block text-std-16N-170 text-solid-gray-800">
                              {m.name}（{m.nameKana}）{wareki(m.birthDate)}生{m.isHead ? "・世帯主" : ""}
                            </span>
                          ))}
                        </span>
                      </button>
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        ) : null}
      </div>

      <div>
        {selected ? (
          // Keyed by household: picking another one starts a fresh form.
          <CounterPanel key={selected.id} household={selected} programId={programId} programName={programName} onCancel={cancel} />
        ) : (
          <div className="rounded-8 border border-dashed border-solid-gray-420 bg-white p-5 text-std-16N-170 text-solid-gray-700">
            世帯を選ぶと、ここで代表者と本人確認書類を選んで登録します。
          </div>
        )}
        <section aria-labelledby="counter-keys" className="mt-6 rounded-8 border border-solid-gray-200 bg-white p-4">
          <h2 id="counter-keys" className="text-std-16B-170">
            キーボード操作
          </h2>
          <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-std-16N-170">
            {COUNTER_SHORTCUTS.map(([key, what]) => (
              <div key={key} className="contents">
                <dt>
                  <kbd className="rounded-4 border border-solid-gray-420 bg-solid-gray-50 px-2 text-oln-16B-100">{key}</kbd>
                </dt>
                <dd>{what}</dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
    </div>
  );
}

/** Representative and ID document for the picked household, validated with the server's counterFilingSchema. */
function CounterPanel({
  household,
  programId,
  programName,
  onCancel,
}: {
  household: HouseholdCard;
  programId: string;
  programName: string;
  onCancel: () => void;
}) {
  const router = useRouter();
  const panelRef = useRef<HTMLDivElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const busy = useRef(false);
  const [done, setDone] = useState(false);
  const returned = isReturned(household.activeFiling) ? household.activeFiling : null;
  const blocking = household.activeFiling && !returned ? household.activeFiling : null;
  const head = household.members.find((m) => m.isHead) ?? household.members[0];
  // The clerk was stopped by 「申請済み」: the report's 「重複申請を受付時に防止」 counts it.
  useEffect(() => {
    if (blocking) void recordCounterDuplicateStopAction({ programId, householdId: household.id });
  }, [blocking, programId, household.id]);
  // A resubmission keeps the filing's representative unless the clerk changes it.
  const representativeDefault = household.members.find((m) => m.id === returned?.representativeMemberId) ?? head;

  const { form, submit, formError } = useActionForm({
    schema: counterFilingSchema,
    action: fileAtCounterAction,
    defaultValues: { householdId: household.id, representativeMemberId: representativeDefault?.id ?? "", resubmitFilingId: returned?.id },
    onSuccess: (data) => {
      setDone(true);
      router.push(`/admin/counter/receipt/${data.filingId}?program=${programId}`);
    },
  });
  const errors = form.formState.errors;
  const submitting = form.formState.isSubmitting || done;
  const representativeId = form.watch("representativeMemberId");
  const document = form.watch("identityDocument");
  const representative = household.members.find((m) => m.id === representativeId);

  useEffect(() => {
    panelRef.current?.focus();
  }, []);

  useEffect(() => {
    if (formError) errorRef.current?.focus();
  }, [formError]);

  const confirm = async () => {
    // One submission at a time: Ctrl+Enter may repeat before React re-renders the disabled button.
    if (blocking || busy.current || done) return;
    busy.current = true;
    try {
      await submit();
    } finally {
      busy.current = false;
    }
  };

  const onPanelKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === "Escape") {
      event.preventDefault();
      onCancel();
    } else if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void confirm();
    } else if (/^[1-6]$/.test(event.key) && !event.ctrlKey && !event.altKey && !event.metaKey && !blocking) {
      event.preventDefault();
      form.setValue("identityDocument", IDENTITY_DOCUMENTS[Number(event.key) - 1]!, { shouldDirty: true, shouldValidate: form.formState.isSubmitted });
    }
  };

  return (
    <div
      ref={panelRef}
      tabIndex={-1}
      onKeyDown={onPanelKey}
      aria-labelledby="counter-panel-title"
      role="region"
      className="flex flex-col gap-4 rounded-8 border-2 border-blue-900 bg-white p-5 outline-none focus-visible:ring-4 focus-visible:ring-black"
    >
      <h2 id="counter-panel-title" className="text-std-20B-150">
        {programName}の{returned ? "再提出" : "申請"}（世帯番号 {household.householdCode}）
      </h2>
      {/* A resident who lost the letter can be told the code (or sent a reprint) after the ID check. */}
      <p className="text-std-16N-170" data-testid="counter-reference-code">
        案内状の照会番号: <span className="font-mono tracking-wider">{household.referenceCode}</span>
      </p>
      {formError ? (
        <div ref={errorRef} tabIndex={-1} className="outline-none" data-testid="counter-error">
          <Alert tone="error" title={formError} />
        </div>
      ) : null}
      {blocking ? (
        <Alert tone="error" title={alreadyFiledMessage(blocking)}>
          受付番号 {blocking.receiptNumber}（{FILING_STATUS_LABELS[blocking.status]}）。お困りの場合は担当課へ引き継いでください。
          <p className="mt-2">
            {/* The resident lost the receipt: print it again rather than file again. */}
            <Link href={`/admin/counter/receipt/${blocking.id}?program=${programId}`} data-testid="counter-reprint">
              受付票を印刷し直す
            </Link>
          </p>
        </Alert>
      ) : (
        <>
          {returned ? (
            <div data-testid="counter-returned">
              <Alert tone="warning" title="この世帯には差し戻し中の申請があります。本人確認のうえ、この申請を再提出します。">
                <p>
                  受付番号 <strong>{returned.receiptNumber}</strong>（{warekiOfInstant(returned.submittedAt)}・{CHANNEL_LABELS[returned.channel]}で申請）
                </p>
                <p>差し戻しの理由: {returned.decisionReason ?? "（記録なし）"}</p>
              </Alert>
            </div>
          ) : null}
          <p className="text-std-16N-170">
            {household.address}・{household.memberCount}人・<strong>{points(household.points)}</strong>
          </p>
          <fieldset className="flex flex-col gap-1" aria-describedby={errors.representativeMemberId ? "counter-representative-error" : undefined}>
            <legend className="text-std-16B-170">受け取る方（代表者）</legend>
            {household.members.map((m) => (
              <label key={m.id} className="inline-flex min-h-10 items-center gap-3 text-std-16N-170">
                <input
                  type="radio"
                  value={m.id}
                  {...form.register("representativeMemberId")}
                  aria-invalid={Boolean(errors.representativeMemberId)}
                  className="size-5 accent-blue-900"
                />
                {m.name}（{wareki(m.birthDate)}生）{m.isHead ? "・世帯主" : ""}
              </label>
            ))}
            {errors.representativeMemberId ? (
              <p id="counter-representative-error" className="text-std-16B-170 text-error-2">
                {errors.representativeMemberId.message}
              </p>
            ) : null}
          </fieldset>
          <fieldset className="flex flex-col gap-1" aria-describedby={errors.identityDocument ? "counter-document-error" : undefined}>
            <legend className="text-std-16B-170">確認した本人確認書類（数字キーでも選べます）</legend>
            {IDENTITY_DOCUMENTS.map((doc, i) => (
              <label key={doc} className="inline-flex min-h-10 items-center gap-3 text-std-16N-170">
                <input
                  type="radio"
                  value={doc}
                  {...form.register("identityDocument")}
                  aria-invalid={Boolean(errors.identityDocument)}
                  aria-describedby={errors.identityDocument ? "counter-document-error" : undefined}
                  className="size-5 accent-blue-900"
                />
                <kbd className="rounded-4 border border-solid-gray-420 px-1.5 text-oln-16B-100">{i + 1}</kbd>
                {IDENTITY_DOCUMENT_LABELS[doc]}
              </label>
            ))}
            {errors.identityDocument ? (
              <p id="counter-document-error" role="alert" className="text-std-16B-170 text-error-2">
                {errors.identityDocument.message}
              </p>
            ) : null}
          </fieldset>
          {errors.householdId || errors.resubmitFilingId ? (
            <p role="alert" className="text-std-16B-170 text-error-2">
              {errors.householdId?.message ?? errors.resubmitFilingId?.message}
            </p>
          ) : null}
          <div className="rounded-8 bg-solid-gray-50 p-4 text-std-16N-170">
            <p>
              {returned ? (
                <>
                  受付番号 <strong>{returned.receiptNumber}</strong> の申請を、<strong>{representative?.name}</strong> さんに{" "}
                  <strong>{points(returned.points)}</strong> を付与する申請として再提出します。
                </>
              ) : (
                <>
                  <strong>{representative?.name}</strong> さんに <strong>{points(household.points)}</strong> を付与する申請として登録します。
                </>
              )}
            </p>
            <p>本人確認書類: {document ? IDENTITY_DOCUMENT_LABELS[document] : "（未選択）"}</p>
          </div>
        </>
      )}
      <div className="flex flex-wrap gap-3">
        {!blocking ? (
          <Button size="lg" onClick={() => void confirm()} disabled={submitting} data-testid="counter-confirm">
            {submitting ? "登録しています…" : returned ? "再提出する（Ctrl + Enter）" : "申請を登録（Ctrl + Enter）"}
          </Button>
        ) : null}
        <Button variant="secondary" size="lg" onClick={onCancel}>
          取り消す（Esc）
        </Button>
      </div>
    </div>
  );
}
