import type { ResidentLocale } from "@/lib/i18n/locale";

/** Everything residents read from the segments domain, in each language; a missing key fails tsc. */
export type SegmentMessages = {
  settings: {
    title: string;
    lead: string;
    topicsHeading: string;
    topicsHint: string;
    on: string;
    off: string;
    sends: string;
    saving: string;
    savedOn: (topic: string) => string;
    savedOff: (topic: string) => string;
    saveFailed: string;
    languageHeading: string;
    languageHint: string;
    languageSaved: string;
    noTopics: string;
    emergencyNote: string;
  };
  line: {
    welcome: (settingsUrl: string) => string;
    openSettings: (settingsUrl: string) => string;
    buttonPrompt: string;
    safetyNoted: string;
  };
};

const ja: SegmentMessages = {
  settings: {
    title: "受信設定",
    lead: "受け取りたいお知らせを選んでください。切り替えるとすぐに保存されます。",
    topicsHeading: "受け取るお知らせ",
    topicsHint: "オンにしたトピックのお知らせだけが LINE に届きます。",
    on: "受け取る",
    off: "受け取らない",
    sends: "届く内容",
    saving: "保存しています…",
    savedOn: (topic) => `「${topic}」のお知らせを受け取る設定にしました。`,
    savedOff: (topic) => `「${topic}」のお知らせを受け取らない設定にしました。`,
    saveFailed: "保存できませんでした。通信状態を確かめて、もう一度切り替えてください。",
    languageHeading: "お知らせの言語",
    languageHint: "LINE のお知らせとこの画面の言語です。",
    languageSaved: "言語を保存しました。",
    noTopics: "いま選べるお知らせはありません。",
    emergencyNote: "災害のときの緊急のお知らせは、設定にかかわらずすべての方に届きます。",
  },
  line: {
    welcome: (url) =>
      `友だち追加ありがとうございます。役場の LINE です。\n受け取りたいお知らせ（子育て・防災・健診など）と言語は、受信設定で選べます。\n${url}\n\n申請・予約は下のメニューからどうぞ。`,
    openSettings: (url) => `受信設定はこちらから開けます。\n${url}`,
    buttonPrompt: "詳しくはこちらをご覧ください。",
    safetyNoted: "ご無事の連絡を受け付けました。役場で確認します。けがや助けが必要なときは 119番、役場にはお電話でご連絡ください。",
  },
};

const jaEasy: SegmentMessages = {
  settings: {
    title: "受信設定（お知らせの 設定）",
    lead: "ほしい お知らせを えらんで ください。きりかえると すぐに ほぞん します。",
    topicsHeading: "うけとる お知らせ",
    topicsHint: "オンに した お知らせだけが LINE に とどきます。",
    on: "うけとる",
    off: "うけとらない",
    sends: "とどく ないよう",
    saving: "ほぞん しています…",
    savedOn: (topic) => `「${topic}」の お知らせを うけとります。`,
    savedOff: (topic) => `「${topic}」の お知らせを うけとりません。`,
    saveFailed: "ほぞん できませんでした。インターネットを たしかめて、もう いちど きりかえて ください。",
    languageHeading: "お知らせの ことば",
    languageHint: "LINE の お知らせと この ページの ことばです。",
    languageSaved: "ことばを ほぞん しました。",
    noTopics: "いまは えらべる お知らせが ありません。",
    emergencyNote: "さいがい（じしん・大雨など）の ときの お知らせは、みなさんに とどきます。",
  },
  line: {
    welcome: (url) =>
      `友だちに なって くれて ありがとう ございます。役場の LINE です。\nほしい お知らせと ことばを えらべます。\n${url}\n\nもうしこみや よやくは 下の メニューから できます。`,
    openSettings: (url) => `お知らせの 設定は ここから ひらけます。\n${url}`,
    buttonPrompt: "くわしくは ここを 見て ください。",
    safetyNoted: "ぶじだと いう 連絡を うけとりました。けがを したときや たすけが ほしいときは 119 に 電話して ください。",
  },
};

const en: SegmentMessages = {
  settings: {
    title: "Message topics and language",
    lead: "Choose the topics you want to hear about. Each switch is saved as soon as you change it.",
    topicsHeading: "Topics you receive",
    topicsHint: "Only topics that are on are sent to you on LINE.",
    on: "On",
    off: "Off",
    sends: "What it sends",
    saving: "Saving…",
    savedOn: (topic) => `You will now receive messages about "${topic}".`,
    savedOff: (topic) => `You will no longer receive messages about "${topic}".`,
    saveFailed: "Could not save. Check your connection and switch it again.",
    languageHeading: "Language of messages",
    languageHint: "The language of LINE messages and of these pages.",
    languageSaved: "Language saved.",
    noTopics: "There are no topics to choose right now.",
    emergencyNote: "Emergency messages during a disaster are sent to everyone, whatever you choose here.",
  },
  line: {
    welcome: (url) =>
      `Thank you for adding the town hall on LINE.\nChoose the topics (child care, disaster safety, health checks…) and the language you want here:\n${url}\n\nUse the menu below to apply or book.`,
    openSettings: (url) => `Open your message settings here:\n${url}`,
    buttonPrompt: "See the details here.",
    safetyNoted: "We have noted that you are safe. If you are injured or need help, call 119, or phone the town hall.",
  },
};

export const SEGMENT_MESSAGES: Record<ResidentLocale, SegmentMessages> = { ja, "ja-easy": jaEasy, en };
