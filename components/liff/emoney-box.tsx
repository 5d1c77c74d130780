import type { ReactNode } from "react";
import type { ResidentMessages } from "@/lib/i18n/messages";
import { Ja } from "./ui";

/** Where the points go and how to get an account: before the resident confirms, and on the receipt. */
export function EmoneyBox({ emoney, labels, r }: { emoney: { name: string; guidance: string | null }; labels: ResidentMessages["benefit"]["emoney"]; r: (text: string) => ReactNode }) {
  return (
    <section aria-labelledby="emoney-title" className="flex flex-col gap-2 rounded-12 border-2 border-blue-900 bg-blue-50 p-4" data-testid="emoney-guidance">
      <h2 id="emoney-title" className="text-std-18B-160">
        {r(labels.title)}
      </h2>
      <p>{r(labels.account(emoney.name))}</p>
      {emoney.guidance ? (
        <>
          <p className="text-std-16B-170">{r(labels.howTo)}</p>
          <p className="whitespace-pre-line">
            <Ja>{r(emoney.guidance)}</Ja>
          </p>
        </>
      ) : null}
    </section>
  );
}
