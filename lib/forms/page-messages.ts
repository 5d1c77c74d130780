import type { ResidentLocale } from "@/lib/i18n/locale";

/** Texts of the resident's form pages (LIFF), in the three languages; やさしい日本語 avoids kanji rather than rubying them. */
type PageMessages = {
  listTitle: string;
  metaTitle: string;
  none: string;
  start: string;
  needsCard: string;
  feeOnFiling: string;
  feeAfterReview: string;
  noFee: string;
  receiptTitle: string;
  reference: string;
  amount: string;
  statusLabel: string;
  status: Record<"awaiting_payment" | "submitted" | "returned" | "approved" | "rejected" | "withdrawn" | "completed", string>;
  paymentPending: string;
  paymentCancelled: string;
  payAgain: string;
  paid: string;
  backToForms: string;
};

export const FORM_PAGE_MESSAGES: Record<ResidentLocale, PageMessages> = {
  ja: {
    listTitle: "電子申請",
    metaTitle: "電子申請",
    none: "いま受け付けている申請はありません。",
    start: "申請をはじめる",
    needsCard: "マイナンバーカードでの本人確認があります",
    feeOnFiling: "申請のときに手数料を納付します（カード払い）",
    feeAfterReview: "手数料は担当課が内容を確認してからお知らせします",
    noFee: "手数料はかかりません",
    receiptTitle: "申請の受付",
    reference: "受付番号",
    amount: "手数料",
    statusLabel: "状況",
    status: { awaiting_payment: "納付待ち", submitted: "送信済（審査待ち）", returned: "差し戻し", approved: "承認", rejected: "申請却下", withdrawn: "取下げ", completed: "処理完了" },
    paymentPending: "納付の確認を待っています。確認できしだい LINE でお知らせします。",
    paymentCancelled: "納付はまだ済んでいません。入力した内容は保存されています。",
    payAgain: "手数料を納付する",
    paid: "手数料の納付を確認しました。",
    backToForms: "電子申請の一覧へ",
  },
  "ja-easy": {
    listTitle: "でんし しんせい",
    metaTitle: "でんし しんせい",
    none: "いま もうしこめる ものは ありません。",
    start: "もうしこむ",
    needsCard: "マイナンバーカードで ほんにんかくにんを します",
    feeOnFiling: "もうしこむ ときに おかねを はらいます（カード）",
    feeAfterReview: "おかねは やくばが かくにん してから しらせます",
    noFee: "おかねは かかりません",
    receiptTitle: "うけつけ",
    reference: "うけつけ ばんごう",
    amount: "おかね",
    statusLabel: "いまの じょうきょう",
    status: { awaiting_payment: "おかねを まって います", submitted: "とどきました", returned: "なおして ください", approved: "みとめられました", rejected: "うけつけられません でした", withdrawn: "とりさげました", completed: "おわりました" },
    paymentPending: "おかねの かくにんを まって います。かくにん できたら LINE で しらせます。",
    paymentCancelled: "まだ はらって いません。かいた ことは のこって います。",
    payAgain: "おかねを はらう",
    paid: "おかねを うけとりました。",
    backToForms: "もうしこみの いちらんへ",
  },
  en: {
    listTitle: "Online applications",
    metaTitle: "Online applications",
    none: "There are no applications open right now.",
    start: "Start",
    needsCard: "Includes an identity check with your My Number Card",
    feeOnFiling: "Pay the fee when you apply (card)",
    feeAfterReview: "The office will tell you the fee after checking your application",
    noFee: "No fee",
    receiptTitle: "Application received",
    reference: "Reference",
    amount: "Fee",
    statusLabel: "Status",
    status: { awaiting_payment: "Waiting for payment", submitted: "Sent (waiting for review)", returned: "Returned for correction", approved: "Approved", rejected: "Rejected", withdrawn: "Withdrawn", completed: "Completed" },
    paymentPending: "We are waiting for the payment to be confirmed. We will tell you on LINE.",
    paymentCancelled: "You have not paid yet. Your answers are saved.",
    payAgain: "Pay the fee",
    paid: "We received your payment.",
    backToForms: "Back to online applications",
  },
};
