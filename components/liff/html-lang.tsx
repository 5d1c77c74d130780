"use client";

import { useEffect } from "react";

/**
 * The resident's language on <html> (en, or ja for 日本語 and やさしい日本語). The root layout is shared with the
 * staff console and a layout cannot know the path (the repository's top level admits no proxy), so the LIFF layout
 * sets it: an inline script while the page is parsed, before anything is read, and an effect after client navigation.
 */
export function HtmlLang({ lang }: { lang: "ja" | "en" }) {
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  return <script dangerouslySetInnerHTML={{ __html: `document.documentElement.lang=${JSON.stringify(lang)};` }} />;
}
