"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { IDENTITY_DOCUMENTS, type IdentityDocument } from "@/db/schema/filings";
import { fileAtCounterAction } from "@/lib/filings/actions";
import { FILING_STATUS_LABELS } from "@/lib/filings/rules";
import { IDENTITY_DOCUMENT_LABELS } from "@/lib/filings/validations";
import { searchHouseholdsAction } from "@/lib/programs/actions";
import { alreadyFiledBadge, alreadyFiledText, points, wareki } from "./labels";

type SearchResult = Extract<Awaited<ReturnType<typeof searchHouseholdsAction>>, { ok: true }>["data"];
type HouseholdCard = SearchResult["households"][number];

export const COUNTER_SHORTCUTS: [string, string][] = [
  ["F2", "検索欄へ戻る"],
  ["Enter", "検索する／世帯を選ぶ"],
  ["↑ ↓", "検索結果を移動"],
  ["1〜6", "本人確認書類を選ぶ"],
  ["Ctrl + Enter", "申請を登録する"],
  ["Esc", "選んだ世帯を取り消す"],
];

/**
 * The counter clerk's one screen: search → pick a household → representative and ID document → confirm.
 * Everything is reachable from the keyboard; the duplicate refusal is announced at once.
 */
export function CounterDesk({ programId, programName }: { programId: string; programName: string }) {
  const router = useRouter();
  const searchRef = useRef<HTMLInputElement>(null);
  const resultRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const panelRef = useRef<HTMLDivElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const [q, setQ] = useState("");
  const [result, setResult] = useState<SearchResult | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);
  const [selected, setSelected] = useState<HouseholdCard | null>(null);
  const [representativeId, setRepresentativeId] = useState<string>("");
  const [document, setDocument] = useState<IdentityDocument | "">("");
  const [submitError, setSubmitError] = useState<{ message: string; fields: Record<string, string[]> } | null>(null);
  const [submitting, setSubmitting] = useState(false);

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

  useEffect(() => {
    if (submitError) errorRef.current?.focus();
  }, [submitError]);

  // Focus follows the flow after React has rendered: first result after a search, the panel after a pick.
  useEffect(() => {
    if (result?.households.length) resultRefs.current[0]?.focus();
  }, [result]);

  useEffect(() => {
    if (selected) panelRef.current?.focus();
  }, [selected]);

  const search = async () => {
    if (!q.trim()) {
      setSearchError("照会番号・氏名・カナ・住所・生年月日のどれかを入力してください。");
      return;
    }
    setSearching(true);
    setSearchError(null);
    setSelected(null);
    setSubmitError(null);
    try {
      const outcome = await searchHouseholdsAction({ programId, q });
      if (!outcome.ok) {
        setResult(null);
        setSearchError(outcome.fieldErrors?.q?.[0] ?? outcome.error);
        return;
      }
      setResult(outcome.data);
    } finally {
      setSearching(false);
    }
  };

  const pick = (household: HouseholdCard) => {
    setSelected(household);
    setRepresentativeId(household.members.find((m) => m.isHead)?.id ?? household.members[0]?.id ?? "");
    setDocument("");
    setSubmitError(null);
  };

  const cancel = () => {
    const index = result?.households.findIndex((h) => h.id === selected?.id) ?? -1;
    setSelected(null);
    setSubmitError(null);
    requestAnimationFrame(() => (index >= 0 ? resultRefs.current[index]?.focus() : searchRef.current?.focus()));
  };

  const confirm = async () => {
    if (!selected || submitting) return;
    if (selected.activeFiling) return;
    if (!document) {
      setSubmitError({ message: "確認した本人確認書類を選んでください。", fields: { identityDocument: ["確認した本人確認書類を選んでください"] } });
      return;
    }
    setSubmitting(true);
    setSubmitError(null);
    try {
      const outcome = await fileAtCounterAction({ householdId: selected.id, representativeMemberId: representativeId, identityDocument: document });
      if (!outcome.ok) {
        setSubmitError({ message: outcome.error, fields: outcome.fieldErrors ?? {} });
        return;
      }
      router.push(`/admin/counter/receipt/${outcome.data.filingId}?program=${programId}`);
    } finally {
      setSubmitting(false);
    }
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

  const onPanelKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === "Escape") {
      event.preventDefault();
      cancel();
    } else if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void confirm();
    } else if (/^[1-6]$/.test(event.key) && !event.ctrlKey && !event.altKey && !event.metaKey) {
      event.preventDefault();
      setDocument(IDENTITY_DOCUMENTS[Number(event.key) - 1]!);
    }
  };

  const representative = selected?.members.find((m) => m.id === representativeId);

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
      <div className="flex flex-col gap-4">
        <form
          role="search"
          aria-label="世帯の検索"
          onSubmit={(event) => {
            event.preventDefault();
            void search();
          }}
          className="rounded-8 border border-solid-gray-200 bg-white p-4"
        >
          <label htmlFor="counter-search" className="text-std-16B-170">
            世帯を探す（照会番号・氏名・カナ・住所・生年月日）
          </label>
          <div className="mt-1 flex gap-2">
            <input
              id="counter-search"
              ref={searchRef}
              type="search"
              autoFocus
              autoComplete="off"
              value={q}
              onChange={(event) => setQ(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === "ArrowDown" && result?.households.length) {
                  event.preventDefault();
                  resultRefs.current[0]?.focus();
                }
              }}
              aria-describedby="counter-search-hint"
              aria-invalid={Boolean(searchError)}
              className="block w-full rounded-8 border border-solid-gray-600 bg-white px-4 py-3 text-std-18B-160"
            />
            <Button type="submit" size="lg" disabled={searching} className="shrink-0 whitespace-nowrap">
              {searching ? "検索中…" : "検索"}
            </Button>
          </div>
          <p id="counter-search-hint" className="mt-1 text-std-16N-170 text-solid-gray-700">
            例: 照会番号「AB3C-…」、「たかはし」、「3条東2丁目11」、「S25.4.1」
          </p>
          {searchError ? (
            <p role="alert" className="mt-2 text-std-16B-170 text-error-2">
              {searchError}
            </p>
          ) : null}
        </form>

        {result ? (
          <section aria-labelledby="counter-results" className="flex flex-col gap-2">
            <h2 id="counter-results" className="text-std-18B-160" aria-live="polite">
              検索結果 {result.households.length}世帯{result.truncated ? "（多すぎるため先頭20世帯のみ。条件を足してください）" : ""}
            </h2>
            {result.households.length === 0 ? (
              <p className="rounded-8 border border-solid-gray-200 bg-white p-4 text-std-16N-170">
                見つかりませんでした。照会番号、カナ、生年月日（例: S25.4.1）でも探せます。
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
                        onClick={() => pick(household)}
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
                          {household.activeFiling ? (
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
          <div
            ref={panelRef}
            tabIndex={-1}
            onKeyDown={onPanelKey}
            aria-labelledby="counter-panel-title"
            role="region"
            className="flex flex-col gap-4 rounded-8 border-2 border-blue-900 bg-white p-5 outline-none focus-visible:ring-4 focus-visible:ring-black"
          >
            <h2 id="counter-panel-title" className="text-std-20B-150">
              {programName}の申請（世帯番号 {selected.householdCode}）
            </h2>
            {submitError ? (
              <div ref={errorRef} tabIndex={-1} className="outline-none" data-testid="counter-error">
                <Alert tone="error" title={submitError.message} />
              </div>
            ) : null}
            {selected.activeFiling ? (
              <Alert tone="error" title={alreadyFiledText(selected.activeFiling)}>
                受付番号 {selected.activeFiling.receiptNumber}（{FILING_STATUS_LABELS[selected.activeFiling.status]}）。お困りの場合は担当課へ引き継いでください。
              </Alert>
            ) : (
              <>
                <p className="text-std-16N-170">
                  {selected.address}・{selected.memberCount}人・<strong>{points(selected.points)}</strong>
                </p>
                <fieldset className="flex flex-col gap-1">
                  <legend className="text-std-16B-170">受け取る方（代表者）</legend>
                  {selected.members.map((m) => (
                    <label key={m.id} className="inline-flex min-h-10 items-center gap-3 text-std-16N-170">
                      <input
                        type="radio"
                        name="representative"
                        value={m.id}
                        checked={representativeId === m.id}
                        onChange={() => setRepresentativeId(m.id)}
                        className="size-5 accent-blue-900"
                      />
                      {m.name}（{wareki(m.birthDate)}生）{m.isHead ? "・世帯主" : ""}
                    </label>
                  ))}
                  {submitError?.fields.representativeMemberId ? (
                    <p className="text-std-16B-170 text-error-2">{submitError.fields.representativeMemberId[0]}</p>
                  ) : null}
                </fieldset>
                <fieldset className="flex flex-col gap-1">
                  <legend className="text-std-16B-170">確認した本人確認書類（数字キーでも選べます）</legend>
                  {IDENTITY_DOCUMENTS.map((doc, i) => (
                    <label key={doc} className="inline-flex min-h-10 items-center gap-3 text-std-16N-170">
                      <input
                        type="radio"
                        name="identityDocument"
                        value={doc}
                        checked={document === doc}
                        onChange={() => setDocument(doc)}
                        aria-invalid={Boolean(submitError?.fields.identityDocument)}
                        className="size-5 accent-blue-900"
                      />
                      <kbd className="rounded-4 border border-solid-gray-420 px-1.5 text-oln-16B-100">{i + 1}</kbd>
                      {IDENTITY_DOCUMENT_LABELS[doc]}
                    </label>
                  ))}
                  {submitError?.fields.identityDocument ? (
                    <p className="text-std-16B-170 text-error-2">{submitError.fields.identityDocument[0]}</p>
                  ) : null}
                </fieldset>
                <div className="rounded-8 bg-solid-gray-50 p-4 text-std-16N-170">
                  <p>
                    <strong>{representative?.name}</strong> さんに <strong>{points(selected.points)}</strong> を付与する申請として登録します。
                  </p>
                  <p>本人確認書類: {document ? IDENTITY_DOCUMENT_LABELS[document] : "（未選択）"}</p>
                </div>
              </>
            )}
            <div className="flex flex-wrap gap-3">
              {!selected.activeFiling ? (
                <Button size="lg" onClick={() => void confirm()} disabled={submitting} data-testid="counter-confirm">
                  {submitting ? "登録しています…" : "申請を登録（Ctrl + Enter）"}
                </Button>
              ) : null}
              <Button variant="secondary" size="lg" onClick={cancel}>
                取り消す（Esc）
              </Button>
            </div>
          </div>
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
