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
  /** Intro, identity, check and receipt screens (server-rendered). */
  draftSaved: string;
  resume: string;
  needTitle: string;
  timeNeeded: string;
  feeTitle: string;
  deliveryMail: string;
  deliveryCounter: string;
  identityTitle: string;
  identityIntro: string;
  identityStart: string;
  identityDone: string;
  identityFailed: string;
  checkTitle: string;
  checkIntro: string;
  total: string;
  nextSteps: string;
  nextStepsMail: string;
  waitingPayment: string;
  notPayable: string;
  submittedAt: string;
  previewTitle: string;
  /** Plain strings handed to the screens' client components ({n}, {date}, {item} are filled in there). */
  filler: FillerMessages;
};

export type FillerMessages = {
  step: string;
  next: string;
  back: string;
  saveAndLeave: string;
  saving: string;
  saved: string;
  errorSummary: string;
  optional: string;
  postalCode: string;
  addressLine: string;
  addRow: string;
  removeRow: string;
  maxSelected: string;
  fileUnavailable: string;
  network: string;
  failed: string;
  consent: string;
  identityFields: { name: string; address: string; birthDate: string; gender: string };
  identityReadOnly: string;
  genders: Record<"male" | "female" | "other", string>;
  change: string;
  submit: string;
  submitAndPay: string;
  sending: string;
  previewNotice: string;
  previewEnd: string;
  restart: string;
};

/** "{date}" → the value: templates stay plain strings so they can cross to client components. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (all, key: string) => (key in values ? String(values[key]) : all));
}

/** A date as the resident reads it (Japan time). */
export function residentDate(date: Date, locale: ResidentLocale): string {
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "ja-JP", { timeZone: "Asia/Tokyo", month: "long", day: "numeric", ...(locale === "en" ? { year: "numeric" } : {}) }).format(date);
}

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
    draftSaved: "途中まで保存した申請があります（{date}まで保存）",
    resume: "続きから入力する",
    needTitle: "申請に必要なもの",
    timeNeeded: "所要時間のめやす: {n}分ほど",
    feeTitle: "手数料",
    deliveryMail: "証明書はマイナンバーカードの住所に郵送します",
    deliveryCounter: "証明書は窓口でお渡しします",
    identityTitle: "マイナンバーカードで本人確認",
    identityIntro: "質問の前に、マイナンバーカードを読み取って本人確認をします。読み取った氏名・住所・生年月日・性別が申請者の情報になります。",
    identityStart: "本人確認を始める",
    identityDone: "本人確認が済んでいます。次の情報で申請します。",
    identityFailed: "本人確認ができませんでした。もう一度お試しください。",
    checkTitle: "入力内容の確認",
    checkIntro: "内容を確かめてから申請してください。直すときは「変更する」を押してください。",
    total: "合計",
    nextSteps: "担当課で内容を確認します。結果はこのLINEでお知らせします。",
    nextStepsMail: "証明書はマイナンバーカードの住所に郵送します。",
    waitingPayment: "手数料の納付が済むと申請が送信されます。入力した内容は保存されています。",
    notPayable: "いまは納付できません。状況をご確認ください。",
    submittedAt: "受付日時",
    previewTitle: "プレビュー",
    filler: {
      step: "{n} / {total}",
      next: "次へ",
      back: "戻る",
      saveAndLeave: "保存して後で続ける",
      saving: "保存しています…",
      saved: "保存しました（{date}まで保存）",
      errorSummary: "入力内容を確認してください",
      optional: "任意",
      postalCode: "郵便番号（7桁）",
      addressLine: "住所",
      addRow: "{item}を追加する",
      removeRow: "{item}を削除する",
      maxSelected: "{n}個まで選べます",
      fileUnavailable: "このブラウザでは添付できません。書類は窓口または郵送でご提出ください。",
      network: "通信できませんでした。もう一度お試しください。",
      failed: "保存できませんでした。もう一度お試しください。",
      consent: "同意します",
      identityFields: { name: "氏名", address: "住所", birthDate: "生年月日", gender: "性別" },
      identityReadOnly: "マイナンバーカードから読み取った情報です（変更できません）。",
      genders: { male: "男性", female: "女性", other: "その他" },
      change: "変更する",
      submit: "この内容で申請する",
      submitAndPay: "申請して手数料を納付する",
      sending: "送信しています…",
      previewNotice: "プレビューです。入力しても保存・送信されません。",
      previewEnd: "ここで住民は申請を送信します（プレビューでは送信されません）。",
      restart: "最初から見る",
    },
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
    draftSaved: "とちゅうまで かいた もうしこみが あります（{date}まで のこります）",
    resume: "つづきを かく",
    needTitle: "よういする もの",
    timeNeeded: "かかる じかん: {n}ぷん ぐらい",
    feeTitle: "おかね",
    deliveryMail: "しょうめいしょは マイナンバーカードの じゅうしょに ゆうびんで おくります",
    deliveryCounter: "しょうめいしょは やくばの まどぐちで わたします",
    identityTitle: "マイナンバーカードで ほんにんかくにん",
    identityIntro: "さいしょに マイナンバーカードを よみとります。カードの なまえ・じゅうしょ・うまれた ひ・せいべつで もうしこみます。",
    identityStart: "ほんにんかくにんを はじめる",
    identityDone: "ほんにんかくにんが おわりました。この じょうほうで もうしこみます。",
    identityFailed: "ほんにんかくにんが できません でした。もういちど ためして ください。",
    checkTitle: "かいた ことの かくにん",
    checkIntro: "まちがいが ないか みて ください。なおす ときは「なおす」を おして ください。",
    total: "ぜんぶで",
    nextSteps: "やくばで かくにん します。けっかは この LINE で しらせます。",
    nextStepsMail: "しょうめいしょは マイナンバーカードの じゅうしょに ゆうびんで おくります。",
    waitingPayment: "おかねを はらうと もうしこみが おくられます。かいた ことは のこって います。",
    notPayable: "いまは はらえません。じょうきょうを みて ください。",
    submittedAt: "うけつけた ひ",
    previewTitle: "プレビュー",
    filler: {
      step: "{n} / {total}",
      next: "つぎへ",
      back: "もどる",
      saveAndLeave: "のこして あとで つづける",
      saving: "のこして います…",
      saved: "のこしました（{date}まで）",
      errorSummary: "かいた ことを たしかめて ください",
      optional: "かかなくても よい",
      postalCode: "ゆうびんばんごう（7けた）",
      addressLine: "じゅうしょ",
      addRow: "{item}を ふやす",
      removeRow: "この {item}を けす",
      maxSelected: "{n}こ まで えらべます",
      fileUnavailable: "ここでは ファイルを おくれません。しょるいは まどぐちか ゆうびんで だして ください。",
      network: "つながりません でした。もういちど ためして ください。",
      failed: "のこせません でした。もういちど ためして ください。",
      consent: "どういします",
      identityFields: { name: "なまえ", address: "じゅうしょ", birthDate: "うまれた ひ", gender: "せいべつ" },
      identityReadOnly: "マイナンバーカードから よみとりました（かえられません）。",
      genders: { male: "おとこ", female: "おんな", other: "その ほか" },
      change: "なおす",
      submit: "これで もうしこむ",
      submitAndPay: "もうしこんで おかねを はらう",
      sending: "おくって います…",
      previewNotice: "プレビューです。かいても のこりません。",
      previewEnd: "ここで じゅうみんは もうしこみを おくります（プレビューでは おくりません）。",
      restart: "さいしょから みる",
    },
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
    draftSaved: "You have a saved application (kept until {date})",
    resume: "Continue",
    needTitle: "What you need",
    timeNeeded: "About {n} minutes",
    feeTitle: "Fee",
    deliveryMail: "The certificate is posted to the address on your My Number Card",
    deliveryCounter: "You collect the certificate at the counter",
    identityTitle: "Identity check with your My Number Card",
    identityIntro: "Before the questions, we read your My Number Card. Your name, address, date of birth and gender from the card are used as the applicant's details.",
    identityStart: "Start the identity check",
    identityDone: "Your identity is confirmed. We will use these details.",
    identityFailed: "We could not confirm your identity. Please try again.",
    checkTitle: "Check your answers",
    checkIntro: "Check your answers before you apply. Use “Change” to correct one.",
    total: "Total",
    nextSteps: "The office will check your application. We will tell you the result on LINE.",
    nextStepsMail: "The certificate will be posted to the address on your My Number Card.",
    waitingPayment: "Your application is sent once the fee is paid. Your answers are saved.",
    notPayable: "There is nothing to pay right now. Please check the status.",
    submittedAt: "Received",
    previewTitle: "Preview",
    filler: {
      step: "{n} of {total}",
      next: "Continue",
      back: "Back",
      saveAndLeave: "Save and come back later",
      saving: "Saving…",
      saved: "Saved (kept until {date})",
      errorSummary: "Please check your answers",
      optional: "optional",
      postalCode: "Postal code (7 digits)",
      addressLine: "Address",
      addRow: "Add another {item}",
      removeRow: "Remove this {item}",
      maxSelected: "Choose up to {n}",
      fileUnavailable: "You cannot attach files here. Please bring or post the documents to the office.",
      network: "Could not connect. Please try again.",
      failed: "Could not save. Please try again.",
      consent: "I agree",
      identityFields: { name: "Name", address: "Address", birthDate: "Date of birth", gender: "Gender" },
      identityReadOnly: "Read from your My Number Card (cannot be changed).",
      genders: { male: "Male", female: "Female", other: "Other" },
      change: "Change",
      submit: "Apply",
      submitAndPay: "Apply and pay the fee",
      sending: "Sending…",
      previewNotice: "This is a preview. Nothing you enter is saved or sent.",
      previewEnd: "Here the resident sends the application (not in a preview).",
      restart: "Start again",
    },
  },
};
