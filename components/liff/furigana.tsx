import { Fragment, type ReactNode } from "react";
import { furiganaSegments } from "@/lib/i18n/furigana";
import { withoutReadings } from "@/lib/i18n/furigana";
import type { ResidentLocale } from "@/lib/i18n/locale";

/** やさしい日本語 text with `<ruby>` readings over its kanji. */
export function Furigana({ text }: { text: string }) {
  return (
    <>
      {furiganaSegments(text).map((segment, index) =>
        typeof segment === "string" ? (
          <Fragment key={index}>{segment}</Fragment>
        ) : (
          <ruby key={index}>
            {segment.base}
            <rt>{segment.reading}</rt>
          </ruby>
        ),
      )}
    </>
  );
}

/** For a page in `locale`: easy Japanese gets its readings, the other languages stay as they are. */
export function rubyFor(locale: ResidentLocale): (text: string) => ReactNode {
  return locale === "ja-easy" ? (text) => <Furigana text={text} /> : (text) => withoutReadings(text);
}
