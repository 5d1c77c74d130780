import type { LineMessage } from "@/lib/line/client";
import type { ResidentLocale } from "@/lib/i18n/locale";
import { SEGMENT_MESSAGES } from "./messages";

export type BroadcastContent = {
  text: string;
  textEasy?: string | null;
  textEn?: string | null;
  imageUrl?: string | null;
  imageAlt?: string | null;
  buttonLabel?: string | null;
  buttonPath?: string | null;
};

const URL_PATTERN = /https?:\/\/[^\s<>"'「」（）()、。]+/g;

/** Every distinct link in any language version, in order of first appearance. */
export function linksIn(content: BroadcastContent): string[] {
  const all = [content.text, content.textEasy ?? "", content.textEn ?? ""].flatMap((text) => text.match(URL_PATTERN) ?? []);
  return [...new Set(all)];
}

/** The version for a resident's language: やさしい日本語 or English when written, else the standard Japanese. */
export function textFor(content: BroadcastContent, locale: ResidentLocale): string {
  if (locale === "ja-easy" && content.textEasy) return content.textEasy;
  if (locale === "en" && content.textEn) return content.textEn;
  return content.text;
}

/** The locale whose version a resident actually gets, so residents are grouped by the message they receive. */
export function versionFor(content: BroadcastContent, locale: ResidentLocale): ResidentLocale {
  if (locale === "ja-easy" && content.textEasy) return "ja-easy";
  if (locale === "en" && content.textEn) return "en";
  return "ja";
}

/**
 * The LINE messages of one language version: the text (links through our redirect), then the image, then a
 * button to a LIFF page. `redirect` maps an original link to its counted redirect URL.
 */
export function buildLineMessages(
  content: BroadcastContent,
  locale: ResidentLocale,
  options: { redirect: (url: string) => string; liffUrl: (path: string) => string },
): LineMessage[] {
  const text = textFor(content, locale).replace(URL_PATTERN, (url) => options.redirect(url));
  const messages: LineMessage[] = [{ type: "text", text }];
  if (content.imageUrl) {
    messages.push({ type: "image", originalContentUrl: content.imageUrl, previewImageUrl: content.imageUrl });
  }
  if (content.buttonLabel && content.buttonPath) {
    const prompt = SEGMENT_MESSAGES[locale].line.buttonPrompt;
    messages.push({
      type: "template",
      altText: `${prompt} ${options.liffUrl(content.buttonPath)}`.slice(0, 400),
      template: { type: "buttons", text: prompt, actions: [{ type: "uri", label: content.buttonLabel.slice(0, 20), uri: options.liffUrl(content.buttonPath) }] },
    });
  }
  return messages;
}
