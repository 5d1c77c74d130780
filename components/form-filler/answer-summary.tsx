import type { ReactNode } from "react";
import type { FormDefinition } from "@/lib/forms/definition";
import { textIn } from "@/lib/forms/definition";
import { computeFee } from "@/lib/forms/fees";
import { FORM_MESSAGES } from "@/lib/forms/messages";
import { FORM_PAGE_MESSAGES } from "@/lib/forms/page-messages";
import { answerRows } from "@/lib/forms/render";
import type { Answers } from "@/lib/forms/routing";
import type { ResidentLocale } from "@/lib/i18n/locale";
import { rubyFor } from "@/components/liff/furigana";

/** Check your answers: every answer on the route, page by page, each page with its change link. */
export function AnswerSummary({ definition, answers, locale, change }: { definition: FormDefinition; answers: Answers; locale: ResidentLocale; change: (pageId: string, label: string) => ReactNode }) {
  const rows = answerRows(definition, answers, locale);
  const pages = definition.pages.filter((page) => rows.some((row) => row.pageId === page.id));
  const r = rubyFor(locale);
  return (
    <div className="flex flex-col gap-4" data-testid="answer-summary">
      {pages.map((page) => (
        <section key={page.id} className="rounded-12 border-2 border-solid-gray-200 p-4">
          <dl className="flex flex-col gap-3">
            {rows.filter((row) => row.pageId === page.id).map((row) => (
              <div key={row.questionId}>
                <dt className="text-std-16B-170">{r(row.label)}</dt>
                {row.items ? (
                  <dd>
                    <ul className="flex flex-col gap-1">
                      {row.items.map((item) => (
                        <li key={item.heading}>
                          <span className="font-bold">{r(item.heading)}</span>: {item.rows.map((cell) => `${cell.label} ${cell.value}`).join(" / ")}
                        </li>
                      ))}
                    </ul>
                  </dd>
                ) : (
                  <dd className="whitespace-pre-line break-words">{row.value}</dd>
                )}
              </div>
            ))}
          </dl>
          <p className="mt-3">{change(page.id, page.title ? textIn(page.title, locale) : rows.find((row) => row.pageId === page.id)!.label)}</p>
        </section>
      ))}
    </div>
  );
}

/** The fee: the breakdown when it is paid on filing, the estimate wording when staff fix it after review. */
export function FeeSummary({ definition, answers, locale }: { definition: FormDefinition; answers: Answers; locale: ResidentLocale }) {
  const m = FORM_PAGE_MESSAGES[locale];
  const yen = FORM_MESSAGES[locale].yen;
  const r = rubyFor(locale);
  if (definition.payment.timing === "none") return <p>{r(m.noFee)}</p>;
  if (definition.payment.timing === "after_review") return <p>{r(m.feeAfterReview)}</p>;
  const fee = computeFee(definition, answers, locale);
  return (
    <table className="w-full text-std-16N-170" data-testid="fee-breakdown">
      <caption className="text-left text-std-18B-160">{r(m.feeTitle)}</caption>
      <tbody>
        {fee.lines.map((line, index) => (
          <tr key={index} className="border-b border-solid-gray-200">
            <th scope="row" className="py-2 text-left font-normal">{r(line.label)}（{yen(line.unitAmount)} × {line.quantity}）</th>
            <td className="py-2 text-right">{yen(line.amount)}</td>
          </tr>
        ))}
        <tr>
          <th scope="row" className="py-2 text-left">{r(m.total)}</th>
          <td className="py-2 text-right text-std-20B-150" data-testid="fee-total">{yen(fee.total)}</td>
        </tr>
      </tbody>
    </table>
  );
}
