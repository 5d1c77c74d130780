import type { ResidentLocale } from "@/lib/i18n/locale";

/** Why an answer was refused, worded for the resident; each names the question. */
export type AnswerProblemCode =
  | "required" | "too_long" | "not_text" | "not_a_number" | "too_small" | "too_large" | "bad_date" | "not_past" | "not_future"
  | "not_an_option" | "too_many_choices" | "bad_postal_code" | "bad_address" | "bad_phone" | "bad_email" | "must_consent"
  | "bad_file" | "too_few_items" | "too_many_items" | "not_on_route" | "unknown_question" | "no_identity";

type Messages = {
  problems: Record<AnswerProblemCode, (label: string, detail?: string | number) => string>;
  consentGiven: string;
  yes: string;
  itemHeading: (itemLabel: string, n: number) => string;
  yen: (amount: number) => string;
  line: {
    submitted: (title: string, reference: string) => string;
    paymentNeeded: (title: string, reference: string, amount: number, url: string) => string;
    paid: (title: string, reference: string, amount: number) => string;
    approved: (title: string, reference: string) => string;
    rejected: (title: string, reference: string, reason: string) => string;
    refunded: (title: string, reference: string, amount: number) => string;
    returned: (title: string, reference: string, reason: string) => string;
    mailed: (title: string, reference: string, date: string) => string;
    issued: (title: string, reference: string, date: string) => string;
    draftExpiring: (title: string, date: string) => string;
    withdrawn: (title: string, reference: string) => string;
  };
};

const yenJa = (n: number) => `${n.toLocaleString("ja-JP")}円`;

/** Every message in 日本語, やさしい日本語 and English: a missing key fails the type check. */
export const FORM_MESSAGES: Record<ResidentLocale, Messages> = {
  ja: {
    problems: {
      required: (l) => `「${l}」を入力してください`,
      too_long: (l, d) => `「${l}」は${d}文字以内で入力してください`,
      not_text: (l) => `「${l}」に使えない文字が含まれています`,
      not_a_number: (l) => `「${l}」は半角の整数で入力してください`,
      too_small: (l, d) => `「${l}」は${d}以上にしてください`,
      too_large: (l, d) => `「${l}」は${d}以下にしてください`,
      bad_date: (l) => `「${l}」は正しい日付を選んでください`,
      not_past: (l) => `「${l}」は今日以前の日付にしてください`,
      not_future: (l) => `「${l}」は今日より後の日付にしてください`,
      not_an_option: (l) => `「${l}」は選択肢から選んでください`,
      too_many_choices: (l, d) => `「${l}」は${d}個まで選べます`,
      bad_postal_code: (l) => `「${l}」の郵便番号は7桁の数字で入力してください`,
      bad_address: (l) => `「${l}」の住所を入力してください`,
      bad_phone: (l) => `「${l}」は電話番号（数字とハイフン、10〜11桁）で入力してください`,
      bad_email: (l) => `「${l}」はメールアドレスの形式で入力してください`,
      must_consent: (l) => `「${l}」に同意してください`,
      bad_file: (l) => `「${l}」のファイルを添付し直してください`,
      too_few_items: (l, d) => `「${l}」は${d}件以上入力してください`,
      too_many_items: (l, d) => `「${l}」は${d}件までです`,
      not_on_route: (l) => `「${l}」はこの回答では不要です`,
      unknown_question: (l) => `「${l}」という質問はこの様式にありません`,
      no_identity: (l) => `「${l}」はマイナンバーカードでの本人確認の後に入ります`,
    },
    consentGiven: "同意します",
    yes: "はい",
    itemHeading: (label, n) => `${label} ${n}`,
    yen: yenJa,
    line: {
      submitted: (t, r) => `「${t}」の申請を受け付けました。\n受付番号: ${r}\n審査の結果はこのLINEでお知らせします。`,
      paymentNeeded: (t, r, a, u) => `「${t}」の手数料が ${yenJa(a)} に決まりました。\n受付番号: ${r}\n次のページから納付してください。\n${u}`,
      paid: (t, r, a) => `「${t}」の手数料 ${yenJa(a)} の納付を確認しました。\n受付番号: ${r}`,
      approved: (t, r) => `「${t}」の申請を承認しました。\n受付番号: ${r}`,
      rejected: (t, r, why) => `「${t}」の申請は受け付けられませんでした。\n受付番号: ${r}\n理由: ${why}`,
      refunded: (t, r, a) => `「${t}」の手数料 ${yenJa(a)} を返金しました。お支払いに使った方法に戻ります。\n受付番号: ${r}`,
      returned: (t, r, why) => `「${t}」の申請に直していただきたい点があります。\n受付番号: ${r}\n内容: ${why}\n「申請の状況」から直して出し直してください。`,
      mailed: (t, r, d) => `「${t}」を${d}に郵送しました。\n受付番号: ${r}`,
      issued: (t, r, d) => `「${t}」を${d}に交付しました。\n受付番号: ${r}`,
      draftExpiring: (t, d) => `「${t}」の途中保存は${d}に消えます。続きは「電子申請」から入力できます。`,
      withdrawn: (t, r) => `「${t}」の申請を取り下げました。\n受付番号: ${r}\n手数料を納付済みの場合は返金します。`,
    },
  },
  "ja-easy": {
    problems: {
      required: (l) => `「${l}」を かいて ください`,
      too_long: (l, d) => `「${l}」は ${d}もじ までです`,
      not_text: (l) => `「${l}」に つかえない もじが あります`,
      not_a_number: (l) => `「${l}」は すうじで かいて ください`,
      too_small: (l, d) => `「${l}」は ${d} より ちいさく できません`,
      too_large: (l, d) => `「${l}」は ${d} より おおきく できません`,
      bad_date: (l) => `「${l}」の ひづけを えらんで ください`,
      not_past: (l) => `「${l}」は きょう までの ひづけに して ください`,
      not_future: (l) => `「${l}」は あしたから あとの ひづけに して ください`,
      not_an_option: (l) => `「${l}」は えらぶ ものの なかから えらんで ください`,
      too_many_choices: (l, d) => `「${l}」は ${d}こ まで えらべます`,
      bad_postal_code: (l) => `「${l}」の ゆうびんばんごうは 7けたの すうじです`,
      bad_address: (l) => `「${l}」の じゅうしょを かいて ください`,
      bad_phone: (l) => `「${l}」は でんわばんごうを かいて ください（10〜11けた）`,
      bad_email: (l) => `「${l}」は メールアドレスを かいて ください`,
      must_consent: (l) => `「${l}」に「はい」を えらんで ください`,
      bad_file: (l) => `「${l}」の ファイルを もういちど つけて ください`,
      too_few_items: (l, d) => `「${l}」は ${d}こ いじょう かいて ください`,
      too_many_items: (l, d) => `「${l}」は ${d}こ までです`,
      not_on_route: (l) => `「${l}」は こたえなくて いいです`,
      unknown_question: (l) => `「${l}」と いう しつもんは ありません`,
      no_identity: (l) => `「${l}」は マイナンバーカードで ほんにんかくにんを した あとに はいります`,
    },
    consentGiven: "はい（どういします）",
    yes: "はい",
    itemHeading: (label, n) => `${label} ${n}`,
    yen: yenJa,
    line: {
      submitted: (t, r) => `「${t}」の もうしこみを うけつけました。\nばんごう: ${r}\nけっかは この LINE で しらせます。`,
      paymentNeeded: (t, r, a, u) => `「${t}」の おかねは ${yenJa(a)} です。\nばんごう: ${r}\nつぎの ページから はらって ください。\n${u}`,
      paid: (t, r, a) => `「${t}」の おかね ${yenJa(a)} を うけとりました。\nばんごう: ${r}`,
      approved: (t, r) => `「${t}」の もうしこみが みとめられました。\nばんごう: ${r}`,
      rejected: (t, r, why) => `「${t}」の もうしこみは うけつけられませんでした。\nばんごう: ${r}\nりゆう: ${why}`,
      refunded: (t, r, a) => `「${t}」の おかね ${yenJa(a)} を かえしました。はらった ほうほうに もどります。\nばんごう: ${r}`,
      returned: (t, r, why) => `「${t}」の もうしこみを なおして ください。\nばんごう: ${r}\nなおす ところ: ${why}`,
      mailed: (t, r, d) => `「${t}」を ${d}に ゆうびんで おくりました。\nばんごう: ${r}`,
      issued: (t, r, d) => `「${t}」を ${d}に わたしました。\nばんごう: ${r}`,
      draftExpiring: (t, d) => `「${t}」の とちゅうまでの こたえは ${d}に きえます。`,
      withdrawn: (t, r) => `「${t}」の もうしこみを とりさげました。\nばんごう: ${r}\nおかねを はらって いた ときは かえします。`,
    },
  },
  en: {
    problems: {
      required: (l) => `Enter “${l}”`,
      too_long: (l, d) => `“${l}” must be ${d} characters or fewer`,
      not_text: (l) => `“${l}” contains characters that cannot be used`,
      not_a_number: (l) => `“${l}” must be a whole number`,
      too_small: (l, d) => `“${l}” must be ${d} or more`,
      too_large: (l, d) => `“${l}” must be ${d} or less`,
      bad_date: (l) => `Choose a real date for “${l}”`,
      not_past: (l) => `“${l}” must be today or in the past`,
      not_future: (l) => `“${l}” must be in the future`,
      not_an_option: (l) => `Choose one of the options for “${l}”`,
      too_many_choices: (l, d) => `Choose up to ${d} for “${l}”`,
      bad_postal_code: (l) => `The postal code in “${l}” must be 7 digits`,
      bad_address: (l) => `Enter the address for “${l}”`,
      bad_phone: (l) => `Enter a phone number for “${l}” (10–11 digits)`,
      bad_email: (l) => `Enter an email address for “${l}”`,
      must_consent: (l) => `You must agree to “${l}”`,
      bad_file: (l) => `Attach the file for “${l}” again`,
      too_few_items: (l, d) => `Add at least ${d} for “${l}”`,
      too_many_items: (l, d) => `You can add up to ${d} for “${l}”`,
      not_on_route: (l) => `“${l}” is not needed for your answers`,
      unknown_question: (l) => `This form has no question “${l}”`,
      no_identity: (l) => `“${l}” is filled in after the My Number Card check`,
    },
    consentGiven: "I agree",
    yes: "Yes",
    itemHeading: (label, n) => `${label} ${n}`,
    yen: (n) => `¥${n.toLocaleString("en-US")}`,
    line: {
      submitted: (t, r) => `We received your application “${t}”.\nReference: ${r}\nWe will tell you the result on LINE.`,
      paymentNeeded: (t, r, a, u) => `The fee for “${t}” is ¥${a.toLocaleString("en-US")}.\nReference: ${r}\nPay it on this page:\n${u}`,
      paid: (t, r, a) => `We received your payment of ¥${a.toLocaleString("en-US")} for “${t}”.\nReference: ${r}`,
      approved: (t, r) => `Your application “${t}” was approved.\nReference: ${r}`,
      rejected: (t, r, why) => `Your application “${t}” could not be accepted.\nReference: ${r}\nReason: ${why}`,
      refunded: (t, r, a) => `We refunded ¥${a.toLocaleString("en-US")} for “${t}” to the way you paid.\nReference: ${r}`,
      returned: (t, r, why) => `Your application “${t}” needs a correction.\nReference: ${r}\nWhat to fix: ${why}`,
      mailed: (t, r, d) => `“${t}” was posted to you on ${d}.\nReference: ${r}`,
      issued: (t, r, d) => `“${t}” was handed over on ${d}.\nReference: ${r}`,
      draftExpiring: (t, d) => `Your saved answers for “${t}” will be deleted on ${d}.`,
      withdrawn: (t, r) => `You withdrew your application “${t}”.\nReference: ${r}\nAny fee you paid will be refunded.`,
    },
  },
};
