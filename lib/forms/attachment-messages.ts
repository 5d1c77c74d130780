import type { ResidentLocale } from "@/lib/i18n/locale";
import type { AttachmentRefusalCode } from "./attachment-checks";

type AttachmentMessages = Record<AttachmentRefusalCode | "unauthenticated" | "rate_limited" | "invalid", string> & {
  limit: (accept: readonly string[], maxBytes: number) => string;
  /** The file question's screen: uploading, what is attached, and taking it off again. */
  uploading: string;
  attached: (name: string, size: string) => string;
  remove: string;
  failed: string;
};
/** A file size as residents read it (KB under one megabyte). */
export const fileSize = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))}KB` : mb(bytes));

const mb = (bytes: number) => `${Math.floor((bytes / 1024 / 1024) * 10) / 10}MB`;
const TYPE_NAMES: Record<string, string> = { "application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG" };
const names = (accept: readonly string[]) => accept.map((type) => TYPE_NAMES[type] ?? type);

/** Upload refusals (and the limits line shown beside a file question) in the resident's language; やさしい日本語 avoids kanji rather than rubying them, like the form pages. */
export const ATTACHMENT_MESSAGES: Record<ResidentLocale, AttachmentMessages> = {
  ja: {
    wrong_type: "このファイルの種類は添付できません。PDF・JPEG・PNG のうち、この質問で受け付けている種類のファイルを選んでください。",
    too_big: "ファイルが大きすぎます。上限より小さいファイルにしてください。",
    empty: "ファイルが空です。別のファイルを選んでください。",
    infected: "このファイルからコンピューターウイルスが見つかったため、受け付けられません。ファイルは保存していません。",
    scan_unavailable: "ファイルの安全確認ができませんでした。しばらくしてからもう一度お試しください。",
    not_a_file_question: "この質問にはファイルを添付できません。画面を開き直してください。",
    bad_name: "ファイル名に使えない文字が含まれているか、長すぎます。ファイル名を変えてから添付してください。",
    unauthenticated: "LINEからもう一度開いてください。",
    rate_limited: "操作が続いたため、少し時間をおいてからお試しください。",
    invalid: "入力中の申請が見つかりません。申請をはじめからやり直してください。",
    limit: (accept, max) => `${names(accept).join("・")}、${mb(max)}まで`,
    uploading: "ファイルを送っています…",
    attached: (name, size) => `添付しました: ${name}（${size}）`,
    remove: "添付を取り消す",
    failed: "ファイルを送れませんでした。通信状態を確かめて、もう一度お試しください。",
  },
  "ja-easy": {
    wrong_type: "この ファイルは つけられません。PDF か JPEG か PNG の ファイルを えらんで ください。",
    too_big: "ファイルが おおきすぎます。もっと ちいさい ファイルに して ください。",
    empty: "ファイルに なにも はいって いません。べつの ファイルを えらんで ください。",
    infected: "この ファイルには ウイルスが ありました。うけつけません。ファイルは のこして いません。",
    scan_unavailable: "ファイルの チェックが できませんでした。すこし まってから もういちど して ください。",
    not_a_file_question: "この しつもんには ファイルを つけられません。がめんを ひらきなおして ください。",
    bad_name: "ファイルの なまえが ながすぎるか、つかえない もじが あります。なまえを かえて ください。",
    unauthenticated: "LINE から もういちど ひらいて ください。",
    rate_limited: "すこし まってから もういちど して ください。",
    invalid: "とちゅうの もうしこみが ありません。はじめから して ください。",
    limit: (accept, max) => `${names(accept).join("・")}、${mb(max)} まで`,
    uploading: "ファイルを おくって います…",
    attached: (name, size) => `つけました: ${name}（${size}）`,
    remove: "つけた ファイルを とりけす",
    failed: "ファイルを おくれませんでした。インターネットを たしかめて、もういちど して ください。",
  },
  en: {
    wrong_type: "This type of file cannot be attached. Choose a PDF, JPEG or PNG file of a type this question accepts.",
    too_big: "The file is too large. Choose a file under the limit.",
    empty: "The file is empty. Choose another file.",
    infected: "A computer virus was found in this file, so it was not accepted. The file was not kept.",
    scan_unavailable: "We could not check the file for viruses. Please try again later.",
    not_a_file_question: "Files cannot be attached to this question. Please reopen the page.",
    bad_name: "The file name is too long or contains characters that cannot be used. Rename the file and try again.",
    unauthenticated: "Please open this page from LINE again.",
    rate_limited: "Too many attempts. Please wait a moment and try again.",
    invalid: "Your saved application was not found. Please start the application again.",
    limit: (accept, max) => `${names(accept).join(", ")}, up to ${mb(max)}`,
    uploading: "Sending the file…",
    attached: (name, size) => `Attached: ${name} (${size})`,
    remove: "Remove the attachment",
    failed: "The file could not be sent. Please check your connection and try again.",
  },
};
