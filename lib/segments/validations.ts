import { z } from "zod";
import { FILING_STATUSES } from "@/db/schema/filings";
import { RESIDENT_LOCALES } from "@/lib/i18n/locale";
import { safeText } from "@/lib/validation/text";

const uuid = (label: string) => z.uuid({ error: `${label}が正しくありません` });
const optionalText = (label: string, max: number, multiline = false) =>
  safeText({ label, max, multiline }).transform((value) => (value === "" ? null : value)).nullable().optional();

export const topicFields = {
  name: safeText({ label: "トピック名", min: 1, max: 40 }),
  nameEasy: optionalText("トピック名（やさしい日本語）", 60),
  nameEn: optionalText("トピック名（英語）", 60),
  description: safeText({ label: "配信する内容", min: 1, max: 200, multiline: true }),
  descriptionEasy: optionalText("配信する内容（やさしい日本語）", 300, true),
  descriptionEn: optionalText("配信する内容（英語）", 300, true),
  icon: safeText({ label: "アイコン", min: 1, max: 4 }),
  defaultOn: z.boolean(),
  sortOrder: z.coerce.number({ error: "並び順は数字で入力してください" }).int("並び順は整数で入力してください").min(0, "並び順は0以上にしてください").max(999, "並び順は999以下にしてください"),
};

export const createTopicSchema = z.object({ departmentId: uuid("部署"), ...topicFields });
export const updateTopicSchema = z.object({ topicId: uuid("トピック"), ...topicFields, active: z.boolean() });

/** The resident's settings: on/off per topic and the language, saved at once. */
export const setSubscriptionSchema = z.object({ topicId: uuid("topic"), subscribed: z.boolean() });
export const setLocaleSchema = z.object({ locale: z.enum(RESIDENT_LOCALES) });

/** Only our own LIFF pages can be a broadcast's button target. */
const LIFF_PATH = /^\/[a-z0-9][a-z0-9/_-]{0,80}$/;

/** Form fields left empty arrive as "": no filter. */
const emptyAsNull = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" || value === undefined ? null : value), schema).optional();
const age = (label: string) =>
  emptyAsNull(z.coerce.number({ error: `${label}は数字で入力してください` }).int(`${label}は整数で入力してください`).min(0, `${label}は0以上にしてください`).max(120, `${label}は120以下にしてください`).nullable());

export const audienceSchema = z
  .object({
    departmentId: uuid("部署"),
    // A form with one topic checkbox sends a string (or false) rather than a list.
    topicIds: z.preprocess((v) => (typeof v === "string" ? [v] : Array.isArray(v) ? v : []), z.array(uuid("トピック")).max(50, "トピックは50件までです")),
    emergency: z.boolean().default(false),
    ageMin: age("年齢の下限"),
    ageMax: age("年齢の上限"),
    programId: emptyAsNull(uuid("給付事業").nullable()),
    filingStatus: emptyAsNull(z.enum(FILING_STATUSES, { error: "申請の状態が正しくありません" }).nullable()),
  })
  .superRefine((value, context) => {
    if (!value.emergency && value.topicIds.length === 0) context.addIssue({ code: "custom", path: ["topicIds"], message: "配信するトピックを1つ以上選んでください" });
    if (value.ageMin != null && value.ageMax != null && value.ageMin > value.ageMax) context.addIssue({ code: "custom", path: ["ageMax"], message: "年齢の上限は下限以上にしてください" });
    if (value.filingStatus && !value.programId) context.addIssue({ code: "custom", path: ["programId"], message: "申請の状態で絞り込むには給付事業を選んでください" });
  });

const messageFields = z.object({
  title: safeText({ label: "件名（管理用）", min: 1, max: 80 }),
  text: safeText({ label: "本文", min: 1, max: 4000, multiline: true }),
  textEasy: optionalText("本文（やさしい日本語）", 4000, true),
  textEn: optionalText("本文（英語）", 4000, true),
  imageUrl: safeText({ label: "画像のURL", max: 2000 })
    .refine((value) => value === "" || /^https:\/\/[^\s]+$/.test(value), "画像のURLは https:// で始まる形にしてください")
    .transform((value) => (value === "" ? null : value))
    .nullable()
    .optional(),
  imageAlt: optionalText("画像の代替テキスト", 400),
  buttonLabel: optionalText("ボタンの文言", 20),
  buttonPath: safeText({ label: "ボタンで開くページ", max: 80 })
    .refine((value) => value === "" || LIFF_PATH.test(value), "ボタンで開くページは /benefit のように / で始まる LIFF のページにしてください")
    .transform((value) => (value === "" ? null : value))
    .nullable()
    .optional(),
  scheduledAt: emptyAsNull(z.iso.datetime({ offset: true, error: "予約日時が正しくありません" }).nullable()),
});

export const composeBroadcastSchema = z
  .intersection(messageFields, audienceSchema)
  .superRefine((value, context) => {
    if (value.imageUrl && !value.imageAlt) context.addIssue({ code: "custom", path: ["imageAlt"], message: "画像には代替テキストを入力してください（画像が見えない方に読み上げられます）" });
    if (Boolean(value.buttonLabel) !== Boolean(value.buttonPath)) context.addIssue({ code: "custom", path: ["buttonPath"], message: "ボタンを付けるときは文言と開くページの両方を入力してください" });
  });
export type ComposeBroadcastInput = z.input<typeof composeBroadcastSchema>;

/** `send`: now or at the broadcast's scheduled time; `submit`: ask the department admin to approve it. */
export const broadcastIdSchema = z.object({ broadcastId: uuid("配信") });
export const emergencyModeSchema = z.object({ active: z.boolean(), confirm: z.literal("防災モード", { error: "確認のため「防災モード」と入力してください" }) });
