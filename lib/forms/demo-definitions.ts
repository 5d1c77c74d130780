import type { FormDefinitionInput } from "./definition";

/** Wording in the three languages. */
const t = (ja: string, easy: string, en: string) => ({ ja, "ja-easy": easy, en });

const phone = { id: "phone", type: "phone", label: t("日中に連絡がとれる電話番号", "ひるまに つながる でんわばんごう", "Daytime phone number") } as const;
const accuracy = {
  id: "accuracy",
  type: "consent",
  label: t("申請内容の確認", "かくにん", "Declaration"),
  statement: t("記入した内容に誤りはありません。", "かいた ことに まちがいは ありません。", "The information I have given is correct."),
} as const;

/** 戸籍証明書: JPKI required, fee on filing (per certificate and copy, plus postage), mailed to the card address. */
export const KOSEKI_FORM: FormDefinitionInput = {
  title: t("戸籍証明書の交付申請", "こせきの しょうめいしょを もうしこむ", "Family register certificate request"),
  description: t("戸籍謄本・抄本・除籍謄本を郵送で請求できます。手数料はオンラインで納付します。", "こせきの しょうめいしょを ゆうびんで うけとれます。おかねは オンラインで はらいます。", "Request family register certificates by post and pay the fee online."),
  identity: "jpki",
  delivery: "mail",
  payment: {
    timing: "on_filing",
    items: [
      { label: t("戸籍謄本・抄本", "こせき とうほん・しょうほん", "Family register (full or extract)"), unitAmount: 450, quantity: { kind: "group_sum", groupId: "certificates", questionId: "copies", where: { questionId: "kind", equals: "tohon" } } },
      { label: t("戸籍謄本・抄本", "こせき とうほん・しょうほん", "Family register (full or extract)"), unitAmount: 450, quantity: { kind: "group_sum", groupId: "certificates", questionId: "copies", where: { questionId: "kind", equals: "shohon" } } },
      { label: t("除籍謄本", "じょせき とうほん", "Closed family register"), unitAmount: 750, quantity: { kind: "group_sum", groupId: "certificates", questionId: "copies", where: { questionId: "kind", equals: "joseki" } } },
      { label: t("郵送料", "ゆうびんの おかね", "Postage"), unitAmount: 140, quantity: { kind: "fixed", value: 1 } },
    ],
  },
  pages: [
    { id: "applicant", title: t("申請する人", "もうしこむ ひと", "Applicant"), questions: [{ id: "applicant", type: "identity", label: t("申請者（マイナンバーカードの情報）", "もうしこむ ひと（マイナンバーカード）", "Applicant (from your My Number Card)") }] },
    {
      id: "relation",
      questions: [{ id: "relation", type: "single_choice", label: t("戸籍の筆頭者・本人との関係", "こせきの ひとと あなたの かんけい", "Your relation to the person on the register"), options: [
        { value: "self", label: t("本人・配偶者", "じぶん・つれあい", "Myself or my spouse") },
        { value: "lineal", label: t("直系の親族（父母・子・祖父母・孫）", "おや・こども・そふぼ・まご", "Parent, child, grandparent or grandchild") },
        { value: "other", label: t("その他（理由が必要です）", "その ほか（りゆうが いります）", "Other (reason required)") },
      ] }],
      routes: [{ when: [{ questionId: "relation", op: "not_equals", value: "other" }], goTo: "certificates" }],
    },
    { id: "reason", questions: [{ id: "reason", type: "long_text", maxLength: 500, label: t("請求の理由", "もうしこむ りゆう", "Reason for the request"), help: t("相続の手続きなど、必要な理由を具体的に書いてください。", "なぜ ひつようか かいて ください。", "Explain why you need the certificate.") }] },
    {
      id: "certificates",
      questions: [
        { id: "honseki", type: "short_text", maxLength: 100, label: t("本籍", "ほんせき", "Registered domicile (honseki)") },
        { id: "head", type: "short_text", maxLength: 60, label: t("筆頭者の氏名", "こせきの いちばん はじめの ひとの なまえ", "Name of the head of the register") },
        { id: "certificates", type: "group", label: t("請求する証明書", "ほしい しょうめいしょ", "Certificates requested"), itemLabel: t("証明書", "しょうめいしょ", "Certificate"), minItems: 1, maxItems: 5, questions: [
          { id: "kind", type: "single_choice", label: t("種類", "しゅるい", "Type"), options: [
            { value: "tohon", label: t("戸籍謄本（全部事項証明）450円", "こせき とうほん 450えん", "Full copy ¥450") },
            { value: "shohon", label: t("戸籍抄本（個人事項証明）450円", "こせき しょうほん 450えん", "Extract ¥450") },
            { value: "joseki", label: t("除籍謄本 750円", "じょせき とうほん 750えん", "Closed register ¥750") },
          ] },
          { id: "copies", type: "number", min: 1, max: 10, label: t("通数", "なんまい", "Copies"), unit: t("通", "まい", "copies") },
        ] },
      ],
    },
    { id: "purpose", questions: [{ id: "purpose", type: "single_choice", label: t("使いみち", "つかいみち", "Purpose"), options: [
      { value: "passport", label: t("パスポートの申請", "パスポート", "Passport application") },
      { value: "inheritance", label: t("相続の手続き", "そうぞく", "Inheritance") },
      { value: "other", label: t("その他", "その ほか", "Other") },
    ] }] },
    { id: "contact", questions: [phone, accuracy] },
  ],
};

/** 住民票の写し: JPKI required, ¥300 a copy plus postage. */
export const JUMINHYO_FORM: FormDefinitionInput = {
  title: t("住民票の写しの交付申請", "じゅうみんひょうを もうしこむ", "Certificate of residence request"),
  identity: "jpki",
  delivery: "mail",
  payment: {
    timing: "on_filing",
    items: [
      { label: t("住民票の写し", "じゅうみんひょう", "Certificate of residence"), unitAmount: 300, quantity: { kind: "answer", questionId: "copies" } },
      { label: t("郵送料", "ゆうびんの おかね", "Postage"), unitAmount: 140, quantity: { kind: "fixed", value: 1 } },
    ],
  },
  pages: [
    { id: "applicant", questions: [{ id: "applicant", type: "identity", label: t("申請者（マイナンバーカードの情報）", "もうしこむ ひと（マイナンバーカード）", "Applicant (from your My Number Card)") }] },
    { id: "scope", questions: [
      { id: "scope", type: "single_choice", label: t("必要な人", "だれの ぶん", "Whose record"), options: [
        { value: "self", label: t("本人のみ", "じぶん だけ", "Only me") },
        { value: "household", label: t("世帯全員", "いっしょに すむ ひと ぜんぶ", "Everyone in my household") },
      ] },
      { id: "items", type: "multiple_choice", required: false, label: t("記載する項目", "のせる こと", "Items to include"), help: t("マイナンバー（個人番号）は記載しません。", "マイナンバーは のせません。", "Your individual number is never included."), options: [
        { value: "relationship", label: t("続柄", "かぞくの かんけい", "Relationship") },
        { value: "honseki", label: t("本籍・筆頭者", "ほんせき", "Registered domicile") },
      ] },
      { id: "copies", type: "number", min: 1, max: 10, label: t("通数", "なんまい", "Copies"), unit: t("通", "まい", "copies") },
    ] },
    { id: "contact", questions: [phone, accuracy] },
  ],
};

/** 粗大ごみ: no JPKI; staff confirm the items and fix the fee, then the resident pays (事後決済). */
export const SODAI_FORM: FormDefinitionInput = {
  title: t("粗大ごみ収集の申込み", "おおきい ごみを もっていって もらう", "Bulky waste collection"),
  identity: "none",
  delivery: "none",
  payment: { timing: "after_review", items: [] },
  pages: [
    { id: "who", questions: [
      { id: "name", type: "short_text", maxLength: 60, label: t("お名前", "なまえ", "Your name") },
      { id: "address", type: "address", label: t("収集する場所", "とりに いく ところ", "Collection address") },
      phone,
    ] },
    { id: "items", questions: [{ id: "items", type: "group", label: t("出すもの", "だす もの", "Items"), itemLabel: t("品目", "もの", "Item"), minItems: 1, maxItems: 10, questions: [
      { id: "item", type: "short_text", maxLength: 60, label: t("品目（例: たんす、自転車）", "なに（れい: たんす、じてんしゃ）", "Item (e.g. wardrobe, bicycle)") },
      { id: "count", type: "number", min: 1, max: 20, label: t("個数", "いくつ", "How many"), unit: t("個", "こ", "pcs") },
    ] }, { id: "photo", type: "file", required: false, accept: ["image/jpeg", "image/png"], maxBytes: 5 * 1024 * 1024, label: t("出すものの写真", "だす ものの しゃしん", "A photo of the items"), help: t("大きさの確認に使います。なくても申し込めます。", "おおきさを みます。なくても だいじょうぶです。", "It helps us judge the size. You can apply without it.") }] },
    { id: "when", questions: [
      { id: "preferred", type: "date", past: "future_only", label: t("希望する収集日", "とりに きて ほしい ひ", "Preferred collection date"), help: t("収集日は担当課から連絡します。", "やくばから れんらく します。", "The office will confirm the date.") },
      { id: "outside", type: "consent", label: t("搬出の確認", "そとに だす", "Placing items outside"), statement: t("収集日の朝8時30分までに、玄関先に出しておきます。", "あつめる ひの あさ 8じ30ぷん までに いえの まえに だします。", "I will put the items outside my door by 8:30 on the collection day.") },
    ] },
  ],
};

/** A survey with no identity step, no fee and several branches on one question. */
export const SURVEY_FORM: FormDefinitionInput = {
  title: t("まちの交通アンケート", "まちの のりもの アンケート", "Town transport survey"),
  identity: "none",
  delivery: "none",
  payment: { timing: "none" },
  pages: [
    { id: "travel", questions: [{ id: "travel", type: "single_choice", label: t("ふだんの移動手段", "いつも なにで いどう しますか", "How do you usually travel?"), options: [
      { value: "car", label: t("自家用車", "くるま", "Car") },
      { value: "bus", label: t("町営バス", "まちの バス", "Town bus") },
      { value: "walk", label: t("徒歩・自転車", "あるく・じてんしゃ", "On foot or by bicycle") },
      { value: "other", label: t("その他", "その ほか", "Other") },
    ] }], routes: [
      { when: [{ questionId: "travel", op: "equals", value: "bus" }], goTo: "bus" },
      { when: [{ questionId: "travel", op: "equals", value: "car" }], goTo: "car" },
      { when: [{ questionId: "travel", op: "equals", value: "other" }], goTo: "comment" },
    ] },
    { id: "walk", questions: [{ id: "walk_issue", type: "long_text", required: false, maxLength: 500, label: t("歩道や自転車道で困っていること", "あるく みちで こまる こと", "Problems on footpaths or cycle paths") }], routes: [{ when: [{ questionId: "travel", op: "equals", value: "walk" }], goTo: "comment" }] },
    { id: "bus", questions: [{ id: "bus_trips", type: "number", min: 0, max: 50, label: t("1週間に乗る回数", "1しゅうかんに のる かず", "Trips per week"), unit: t("回", "かい", "trips") }], routes: [{ when: [{ questionId: "travel", op: "equals", value: "bus" }], goTo: "comment" }] },
    { id: "car", questions: [{ id: "car_parking", type: "multiple_choice", required: false, label: t("駐車場が足りないと思う場所", "ちゅうしゃじょうが たりない ところ", "Where parking is short"), options: [
      { value: "station", label: t("駅前", "えきの まえ", "Station") },
      { value: "hall", label: t("役場", "やくば", "Town hall") },
      { value: "hospital", label: t("病院", "びょういん", "Hospital") },
    ] }] },
    { id: "comment", questions: [{ id: "comment", type: "long_text", required: false, maxLength: 1000, label: t("ご意見", "いけん", "Comments") }] },
  ],
};

export const DEMO_FORM_DEFINITIONS: { code: string; departmentCode: string; definition: FormDefinitionInput }[] = [
  { code: "koseki-shomei", departmentCode: "machizukuri", definition: KOSEKI_FORM },
  { code: "juminhyo", departmentCode: "machizukuri", definition: JUMINHYO_FORM },
  { code: "sodai-gomi", departmentCode: "machizukuri", definition: SODAI_FORM },
  { code: "kotsu-survey", departmentCode: "machizukuri", definition: SURVEY_FORM },
];
