"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { InputField, SelectField } from "@/components/ui/field";
import { CheckboxField } from "@/components/ui/textarea-field";
import { IDENTITY_DOCUMENTS } from "@/db/schema/filings";
import { validateAnswers } from "@/lib/forms/answers";
import { counterIdentitySchema } from "@/lib/forms/counter-validations";
import type { FormDefinition } from "@/lib/forms/definition";
import { computeFee, type FeeQuote } from "@/lib/forms/fees";
import { fileFormAtCounterAction } from "@/lib/forms/review-actions";
import { IDENTITY_DOCUMENT_LABELS } from "@/lib/filings/validations";
import { GroupField, LeafField, type Problems } from "./counter-question";

/** The answers from the form's named fields: empty fields are left out, so the snapshot's own rules decide. */
function answersFrom(definition: FormDefinition, data: FormData): Record<string, unknown> {
  const text = (name: string) => String(data.get(name) ?? "").trim();
  const leaf = (q: { type: string }, name: string): unknown => {
    switch (q.type) {
      case "multiple_choice": {
        const chosen = data.getAll(name).map(String);
        return chosen.length ? chosen : undefined;
      }
      case "address": {
        const postalCode = text(`${name}.postalCode`);
        const address = text(`${name}.address`);
        return postalCode || address ? { postalCode, address } : undefined;
      }
      case "consent":
        return data.get(name) === "true" ? true : undefined;
      case "file":
      case "identity":
        return undefined;
      default:
        return text(name) || undefined;
    }
  };
  const answers: Record<string, unknown> = {};
  for (const question of definition.pages.flatMap((p) => p.questions)) {
    if (question.type === "group") {
      const rows: Record<string, unknown>[] = [];
      for (let i = 0; data.has(`${question.id}.${i}.${question.questions[0]!.id}`) || question.questions.some((inner) => data.has(`${question.id}.${i}.${inner.id}`)); i++) {
        const row: Record<string, unknown> = {};
        for (const inner of question.questions) {
          const value = leaf(inner, `${question.id}.${i}.${inner.id}`);
          if (value !== undefined) row[inner.id] = value;
        }
        if (Object.keys(row).length > 0) rows.push(row);
      }
      if (rows.length) answers[question.id] = rows;
      continue;
    }
    const value = leaf(question, question.id);
    if (value !== undefined) answers[question.id] = value;
  }
  return answers;
}

/** The identity fields' names and error keys: identity + the identity schema's issue path. */
const ID = (key: string) => `identity.${key}`;

type Ready = { answers: Record<string, unknown>; identity?: Record<string, unknown>; identityDocument: string; fee: FeeQuote | null };

/**
 * A paper form typed in on one screen: every page's questions, the identity from the paper (checked against the ID
 * shown) and the ID document. 「入力内容を確認」 checks the answers with the same rules as LIFF and shows the fee to
 * receive in cash; the clerk confirms the cash and registers, and the receipt opens.
 */
export function CounterFormEntry({ formId, definition }: { formId: string; definition: FormDefinition }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [problems, setProblems] = useState<Problems>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [ready, setReady] = useState<Ready | null>(null);
  const [cash, setCash] = useState(false);
  const [pending, setPending] = useState(false);
  const needsIdentity = definition.identity === "jpki" || definition.pages.some((p) => p.questions.some((q) => q.type === "identity"));

  const check = () => {
    const data = new FormData(formRef.current!);
    const found: Problems = {};
    let identity: Record<string, unknown> | undefined;
    if (needsIdentity) {
      const parsed = counterIdentitySchema.safeParse({ name: data.get(ID("name")), address: data.get(ID("address")), birthDate: data.get(ID("birthDate")), gender: data.get(ID("gender")) || null });
      if (parsed.success) identity = parsed.data;
      else for (const issue of parsed.error.issues) found[`identity.${issue.path.join(".")}`] ??= issue.message;
    }
    const identityDocument = String(data.get("identityDocument") ?? "");
    if (!identityDocument) found.identityDocument = "確認した本人確認書類を選んでください";
    const answers = answersFrom(definition, data);
    const checked = validateAnswers(definition, answers, { identity: identity ? { name: String(identity.name), address: String(identity.address), birthDate: String(identity.birthDate), gender: (identity.gender as string | null) ?? null } : needsIdentity ? null : undefined, locale: "ja" });
    if (!checked.ok) for (const p of checked.problems) if (!(needsIdentity && p.code === "no_identity")) found[p.path] ??= p.message;
    setProblems(found);
    if (Object.keys(found).length > 0 || !checked.ok) {
      setSummary(Object.values(found)[0] ?? "入力内容に誤りがあります。");
      setReady(null);
      return;
    }
    setSummary(null);
    setCash(false);
    setReady({ answers, identity, identityDocument, fee: definition.payment.timing === "on_filing" ? computeFee(definition, checked.answers) : null });
  };

  const register = async () => {
    if (!ready) return;
    setPending(true);
    const result = await fileFormAtCounterAction({ formId, answers: ready.answers, identity: ready.identity, identityDocument: ready.identityDocument, cashReceived: cash });
    setPending(false);
    if (!result.ok) {
      const serverProblems = Object.fromEntries(Object.entries(result.fieldErrors ?? {}).map(([key, messages]) => [key.replace(/^answers\./, ""), messages[0]!]));
      setProblems(serverProblems);
      setSummary(result.error);
      setReady(null);
      return;
    }
    router.push(`/admin/counter/forms/receipt/${result.data.submissionId}`);
  };

  return (
    <form ref={formRef} noValidate className="flex flex-col gap-6" onSubmit={(event) => { event.preventDefault(); check(); }} onChange={(event) => {
      // Changing an answer after the check asks for a new check; the cash checkbox belongs to the check itself.
      if (ready && !(event.target as HTMLElement).closest("#counter-fee")) setReady(null);
    }}>
      {summary ? <Alert tone="error" title={summary}>{Object.keys(problems).length > 1 ? `ほかに${Object.keys(problems).length - 1}件の誤りがあります。赤字の項目を確認してください。` : null}</Alert> : null}
      <section aria-labelledby="counter-identity" className="flex flex-col gap-3 rounded-8 border border-solid-gray-200 bg-white p-5">
        <h2 id="counter-identity" className="text-std-20B-150">申請者の本人確認</h2>
        {needsIdentity ? (
          <>
            <p className="text-std-16N-170">申請書の記載を入力し、本人確認書類の記載と一致することを確かめてください。</p>
            <InputField label="氏名" name={ID("name")} required error={problems[ID("name")]} />
            <InputField label="住所" name={ID("address")} required error={problems[ID("address")]} />
            <div className="w-56">
              <InputField label="生年月日" name={ID("birthDate")} type="date" required error={problems[ID("birthDate")]} />
            </div>
            <div className="w-56">
              <SelectField label="性別" name={ID("gender")} placeholder="記載なし" options={[{ value: "male", label: "男" }, { value: "female", label: "女" }, { value: "other", label: "その他" }]} />
            </div>
          </>
        ) : null}
        <div className="w-96 max-w-full">
          <SelectField label="確認した本人確認書類" name="identityDocument" required placeholder="選んでください" options={IDENTITY_DOCUMENTS.map((d) => ({ value: d, label: IDENTITY_DOCUMENT_LABELS[d] }))} error={problems.identityDocument} />
        </div>
      </section>
      {definition.pages.map((page) => (
        <section key={page.id} aria-label={page.title?.ja ?? page.id} className="flex flex-col gap-4 rounded-8 border border-solid-gray-200 bg-white p-5">
          {page.title ? <h2 className="text-std-20B-150">{page.title.ja}</h2> : null}
          {page.routes.length > 0 ? <p className="text-std-16N-170 text-solid-gray-700">このページの回答によって、あとのページが不要になることがあります。不要なページの回答は登録されません。</p> : null}
          {page.questions.map((question) =>
            question.type === "identity" ? (
              <p key={question.id} className="text-std-16N-170">{question.label.ja}: 上の「申請者の本人確認」で入力した内容が入ります。</p>
            ) : question.type === "group" ? (
              <GroupField key={question.id} question={question} problems={problems} />
            ) : (
              <LeafField key={question.id} question={question} name={question.id} problems={problems} />
            ),
          )}
        </section>
      ))}
      {ready ? (
        <section id="counter-fee" aria-labelledby="counter-fee-title" className="flex flex-col gap-3 rounded-8 border-2 border-blue-900 bg-white p-5">
          <h2 id="counter-fee-title" className="text-std-20B-150">手数料の受け取り</h2>
          {ready.fee && ready.fee.total > 0 ? (
            <>
              <ul className="text-std-16N-170">
                {ready.fee.lines.map((line, i) => (
                  <li key={i}>{line.label}: {line.unitAmount.toLocaleString("ja-JP")}円 × {line.quantity} = {line.amount.toLocaleString("ja-JP")}円</li>
                ))}
              </ul>
              <p className="text-std-18B-160">合計 {ready.fee.total.toLocaleString("ja-JP")}円</p>
              <CheckboxField label={`手数料 ${ready.fee.total.toLocaleString("ja-JP")}円 を現金で受け取りました`} checked={cash} onChange={(event) => setCash(event.target.checked)} error={problems.cashReceived} />
            </>
          ) : (
            <p className="text-std-16N-170">{definition.payment.timing === "after_review" ? "手数料は審査のあとに担当課が確定します（事後決済）。いまは受け取りません。" : "手数料はありません。"}</p>
          )}
          <div>
            <Button size="lg" onClick={register} disabled={pending || Boolean(ready.fee && ready.fee.total > 0 && !cash)}>
              {pending ? "登録しています…" : "申請を登録して受付票を出す"}
            </Button>
          </div>
        </section>
      ) : (
        <div>
          <Button type="submit" size="lg">入力内容を確認</Button>
        </div>
      )}
    </form>
  );
}
