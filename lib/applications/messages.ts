import type { ResidentLocale } from "@/lib/i18n/locale";

/** "My applications" (/liff/applications) in the three languages; やさしい日本語 keeps its kanji few, each with a reading. */
type ApplicationMessages = {
  title: string;
  menu: { title: string; description: string };
  none: string;
  kind: { filing: string; form: string };
  reference: string;
  status: string;
  reason: string;
  history: string;
  openReceipt: string;
  openBenefitStatus: string;
  resubmit: string;
  resubmitHelp: string;
  withdraw: string;
  withdrawConfirm: (title: string) => string;
  withdrawYes: string;
  withdrawNo: string;
  withdrawn: string;
  refundStarted: string;
  refundFailed: string;
  draftInProgress: string;
  failed: string;
};

export const APPLICATION_MESSAGES: Record<ResidentLocale, ApplicationMessages> = {
  ja: {
    title: "申請の状況",
    menu: { title: "申請の状況", description: "給付金と電子申請の状況・履歴、差し戻しの修正、取下げ" },
    none: "まだ申請はありません。",
    kind: { filing: "給付金", form: "電子申請" },
    reference: "受付番号",
    status: "状況",
    reason: "理由",
    history: "これまでの経過",
    openReceipt: "受付の内容を見る",
    openBenefitStatus: "修正・取下げは給付金の申請状況の画面から",
    resubmit: "直して出し直す",
    resubmitHelp: "前回の回答が入った状態で、申請したときと同じ様式で開きます。",
    withdraw: "申請を取り下げる",
    withdrawConfirm: (t) => `「${t}」の申請を取り下げますか。取り下げた申請は元に戻せません。納付済みの手数料は返金します。`,
    withdrawYes: "取り下げる",
    withdrawNo: "取り下げない",
    withdrawn: "申請を取り下げました。",
    refundStarted: "納付済みの手数料の返金を手続きしました。返金が済むと LINE でお知らせします。",
    refundFailed: "返金の手続きがまだ済んでいません。担当課が確認してご連絡します。",
    draftInProgress: "この様式の入力途中の申請があります。先にその申請を提出してから、修正してください。",
    failed: "うまくいきませんでした。もう一度お試しください。",
  },
  "ja-easy": {
    title: "申請{しんせい}の ようす",
    menu: { title: "申請{しんせい}の ようす", description: "いままでの もうしこみを みる・なおす・とりさげる" },
    none: "まだ もうしこみは ありません。",
    kind: { filing: "給付金{きゅうふきん}", form: "電子申請{でんししんせい}" },
    reference: "受付番号{うけつけばんごう}",
    status: "いまの ようす",
    reason: "りゆう",
    history: "いままでの ながれ",
    openReceipt: "うけつけた ないようを みる",
    openBenefitStatus: "なおす・とりさげるは 給付金{きゅうふきん}の 画面{がめん}から",
    resubmit: "なおして もういちど だす",
    resubmitHelp: "まえの こたえが はいった 画面{がめん}が ひらきます。",
    withdraw: "もうしこみを とりさげる",
    withdrawConfirm: (t) => `「${t}」の もうしこみを とりさげますか。とりさげたら もとに もどせません。はらった おかねは かえします。`,
    withdrawYes: "とりさげる",
    withdrawNo: "とりさげない",
    withdrawn: "もうしこみを とりさげました。",
    refundStarted: "はらった おかねを かえす 手続{てつづ}きを しました。おわったら LINE で しらせます。",
    refundFailed: "おかねを かえす 手続{てつづ}きが まだ おわって いません。役場{やくば}から れんらく します。",
    draftInProgress: "この もうしこみの とちゅうの こたえが あります。さきに それを だして ください。",
    failed: "うまく いきませんでした。もういちど して ください。",
  },
  en: {
    title: "My applications",
    menu: { title: "My applications", description: "Status and history of your benefit and online applications; correct or withdraw" },
    none: "You have no applications yet.",
    kind: { filing: "Benefit", form: "Online application" },
    reference: "Reference",
    status: "Status",
    reason: "Reason",
    history: "History",
    openReceipt: "See what you sent",
    openBenefitStatus: "Correct or withdraw it on the benefit status page",
    resubmit: "Correct and send again",
    resubmitHelp: "Opens the same form you applied on, with your previous answers filled in.",
    withdraw: "Withdraw this application",
    withdrawConfirm: (t) => `Withdraw your application “${t}”? This cannot be undone. Any fee you paid will be refunded.`,
    withdrawYes: "Withdraw",
    withdrawNo: "Keep it",
    withdrawn: "Your application was withdrawn.",
    refundStarted: "We have started refunding the fee you paid. We will tell you on LINE when it is done.",
    refundFailed: "The refund has not gone through yet. The office will check and contact you.",
    draftInProgress: "You have unfinished answers for this form. Send or finish that application first.",
    failed: "Something went wrong. Please try again.",
  },
};
