/**
 * Everything a resident reads about reservations, on pages and in LINE, in 日本語, やさしい日本語 and English.
 * やさしい日本語 marks the kanji it keeps as {漢字|かんじ}: pages render <ruby>, LINE shows the reading in brackets.
 * Client-safe (no server imports): the booking form uses it too.
 */
import { formatWareki } from "@/lib/dates/wareki";
import type { ResidentLocale } from "@/lib/i18n/locale";

export const REFUSAL_CODES = [
  "unauthenticated",
  "rate_limited",
  "invalid",
  "calendar_not_found",
  "no_such_slot",
  "not_open",
  "closed",
  "full",
  "already_booked",
  "limit_reached",
  "no_show_limit",
  "jpki_required",
  "booking_not_found",
  "cancel_deadline_passed",
  "already_cancelled",
  "already_waiting",
  "not_full",
  "offer_not_found",
  "offer_expired",
  "link_not_found",
] as const;
export type ReservationRefusalCode = (typeof REFUSAL_CODES)[number];

type DateParts = { startsAt: Date; endsAt: Date };

const jaDay = new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", month: "long", day: "numeric", weekday: "short" });
const jaTime = new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", hour: "2-digit", minute: "2-digit" });
const enDay = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Tokyo", weekday: "short", day: "numeric", month: "long", year: "numeric" });
const enTime = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Tokyo", hour: "2-digit", minute: "2-digit" });
const isoDay = (at: Date) => new Date(at.getTime() + 9 * 3600_000).toISOString().slice(0, 10);

/** 令和8年1月15日（木） 9:00〜9:30: the 和暦 alongside the weekday, as town letters write it. */
function jaWhen({ startsAt, endsAt }: DateParts): string {
  const weekday = jaDay.formatToParts(startsAt).find((p) => p.type === "weekday")?.value ?? "";
  return `${formatWareki(isoDay(startsAt))}（${weekday}） ${jaTime.format(startsAt)}〜${jaTime.format(endsAt)}`;
}
function enWhen({ startsAt, endsAt }: DateParts): string {
  return `${enDay.format(startsAt)}, ${enTime.format(startsAt)}–${enTime.format(endsAt)}`;
}

const ja = {
  title: "予約",
  intro: "健診や施設の予約ができます。空いている日時を選んでください。",
  noCalendars: "いま予約できるものはありません。",
  myBookings: "予約の確認・取り消し",
  location: "場所",
  jpkiNeeded: "マイナンバーカードでの本人確認が必要です",
  month: (month: string) => `${Number(month.slice(0, 4))}年${Number(month.slice(5))}月（${formatWareki(`${month}-01`).replace(/\d+月\d+日$/, "")}）`,
  prevMonth: "前の月",
  nextMonth: "次の月",
  weekdays: ["日", "月", "火", "水", "木", "金", "土"],
  dayLabel: (iso: string) => `${Number(iso.slice(5, 7))}月${Number(iso.slice(8))}日`,
  wareki: (iso: string) => formatWareki(iso),
  seatsLeft: (n: number) => `残り${n}`,
  full: "満員",
  closedDay: "休",
  notOpenYet: "受付前",
  closedDayReasons: { weekday: "予約を受け付けていない曜日です", holiday: (name: string) => `祝日（${name}）`, closure: (reason: string) => `休業日（${reason}）` },
  pickTime: "時間を選んでください",
  slot: (time: string, left: number) => (left > 0 ? `${time}　残り${left}人` : `${time}　満員`),
  joinWaitlist: "キャンセル待ちに登録する",
  waitlistJoined: "キャンセル待ちに登録しました。空きが出たら LINE でお知らせします。",
  questions: "質問にお答えください",
  required: "必須",
  choose: "選んでください",
  confirmTitle: "予約内容の確認",
  confirm: "この内容で予約する",
  booked: (number: string) => `予約しました。予約番号は ${number} です。LINE にも確認のメッセージを送りました。`,
  cancelUntil: (at: Date) => `取り消しは ${jaWhen({ startsAt: at, endsAt: at }).replace(/〜.*$/, "")} まで`,
  noBookings: "予約はありません。",
  bookingNumber: "予約番号",
  status: { booked: "予約中", checked_in: "受付済み", no_show: "来られませんでした", cancelled: "取り消し済み" },
  cancel: "予約を取り消す",
  cancelConfirm: "この予約を取り消しますか。",
  cancelled: "予約を取り消しました。",
  cancelClosed: "取り消しの期限を過ぎました。変更は担当課へお電話ください。",
  waiting: "キャンセル待ち",
  leaveWaitlist: "キャンセル待ちをやめる",
  offerTitle: "空きが出ました",
  offerBody: (until: Date) => `${jaTime.format(until)}（${jaDay.format(until)}）までに予約すると、この席を確保できます。`,
  takeOffer: "この席を予約する",
  linkTitle: "窓口や電話で受けた予約をつなぐ",
  linkIntro: "予約番号と、予約のときにお伝えした電話番号の下4けたを入力すると、この LINE で確認やお知らせを受け取れます。",
  linkNumber: "予約番号",
  linkPhone: "電話番号の下4けた",
  linkSubmit: "つなぐ",
  linked: "予約をつなぎました。",
  failed: "うまくいきませんでした。もう一度お試しください。",
  refusals: {
    unauthenticated: "LINE から開き直してください。",
    rate_limited: "操作が続いています。少し待ってからお試しください。",
    invalid: "入力内容を確認してください。",
    calendar_not_found: "この予約は受け付けていません。",
    no_such_slot: "その日時は予約できません。別の日時を選んでください。",
    not_open: "まだ受付が始まっていません。",
    closed: "受付は締め切りました。担当課へお電話ください。",
    full: "満員です。キャンセル待ちに登録できます。",
    already_booked: "この日時はすでに予約済みです。",
    limit_reached: "予約できる件数の上限に達しています。",
    no_show_limit: "無断キャンセルが続いたため、LINE での予約はできません。担当課へお電話ください。",
    jpki_required: "先にマイナンバーカードで本人確認をしてください。",
    booking_not_found: "予約が見つかりません。",
    cancel_deadline_passed: "取り消しの期限を過ぎました。担当課へお電話ください。",
    already_cancelled: "この予約はすでに取り消されています。",
    already_waiting: "すでにキャンセル待ちに登録しています。",
    not_full: "空きがあります。そのまま予約できます。",
    offer_not_found: "このご案内は無効です。",
    offer_expired: "ご案内の期限が過ぎました。次の方へご案内しました。",
    link_not_found: "予約番号または電話番号が一致しません。",
  } satisfies Record<ReservationRefusalCode, string>,
  line: {
    booked: (p: { calendar: string; location: string; number: string } & DateParts) =>
      `【予約完了】${p.calendar}\n日時: ${jaWhen(p)}\n場所: ${p.location}\n予約番号: ${p.number}\n取り消しは LINE の「予約」からできます。`,
    reminder: (p: { calendar: string; location: string; number: string } & DateParts) =>
      `【明日のご予約】${p.calendar}\n日時: ${jaWhen(p)}\n場所: ${p.location}\n予約番号: ${p.number}\nご来場をお待ちしています。`,
    cancelledByResident: (p: { calendar: string; number: string } & DateParts) => `【予約取り消し】${p.calendar}\n${jaWhen(p)} の予約（${p.number}）を取り消しました。`,
    cancelledByStaff: (p: { calendar: string; number: string; reason: string } & DateParts) =>
      `【予約取り消しのお知らせ】${p.calendar}\n${jaWhen(p)} の予約（${p.number}）は、担当課により取り消されました。\n理由: ${p.reason}`,
    offer: (p: { calendar: string; url: string; until: Date } & DateParts) =>
      `【空きが出ました】${p.calendar}\n${jaWhen(p)}\n${jaTime.format(p.until)}までにこちらから予約してください。\n${p.url}`,
  },
};

export type ReservationMessages = typeof ja;

const jaEasy: ReservationMessages = {
  title: "{予約|よやく}",
  intro: "{健診|けんしん}や {施設|しせつ}を {予約|よやく}できます。あいている 日と 時間を えらんでください。",
  noCalendars: "いま {予約|よやく}できる ものは ありません。",
  myBookings: "{予約|よやく}を 見る・やめる",
  location: "ばしょ",
  jpkiNeeded: "マイナンバーカードで {本人|ほんにん}の かくにんが いります",
  month: ja.month,
  prevMonth: "まえの 月",
  nextMonth: "つぎの 月",
  weekdays: ja.weekdays,
  dayLabel: ja.dayLabel,
  wareki: ja.wareki,
  seatsLeft: (n) => `あと${n}`,
  full: "いっぱい",
  closedDay: "休み",
  notOpenYet: "まだ",
  closedDayReasons: { weekday: "この 曜日は {予約|よやく}できません", holiday: (name) => `{祝日|しゅくじつ}（${name}）`, closure: (reason) => `休み（${reason}）` },
  pickTime: "時間を えらんでください",
  slot: (time, left) => (left > 0 ? `${time}　あと${left}人` : `${time}　いっぱい`),
  joinWaitlist: "あきを まつ（キャンセル{待|ま}ち）",
  waitlistJoined: "キャンセル{待|ま}ちに 入りました。あきが でたら LINE で しらせます。",
  questions: "しつもんに こたえてください",
  required: "かならず",
  choose: "えらんでください",
  confirmTitle: "{予約|よやく}の かくにん",
  confirm: "これで {予約|よやく}する",
  booked: (number) => `{予約|よやく}しました。{予約|よやく}{番号|ばんごう}は ${number} です。LINE にも おしらせを おくりました。`,
  cancelUntil: (at) => `やめる ときは ${ja.cancelUntil(at).replace(/^取り消しは /, "").replace(/ まで$/, "")} までに`,
  noBookings: "{予約|よやく}は ありません。",
  bookingNumber: "{予約|よやく}{番号|ばんごう}",
  status: { booked: "{予約|よやく}して います", checked_in: "うけつけ しました", no_show: "こられませんでした", cancelled: "やめました" },
  cancel: "{予約|よやく}を やめる",
  cancelConfirm: "この {予約|よやく}を やめますか。",
  cancelled: "{予約|よやく}を やめました。",
  cancelClosed: "やめられる 時間を すぎました。{役場|やくば}に 電話を してください。",
  waiting: "キャンセル{待|ま}ち",
  leaveWaitlist: "キャンセル{待|ま}ちを やめる",
  offerTitle: "あきが でました",
  offerBody: (until) => `${jaTime.format(until)}（${jaDay.format(until)}）までに {予約|よやく}すると、この せきが とれます。`,
  takeOffer: "この せきを {予約|よやく}する",
  linkTitle: "まどぐちや 電話の {予約|よやく}を つなぐ",
  linkIntro: "{予約|よやく}{番号|ばんごう}と、電話{番号|ばんごう}の さいごの 4けたを 入れると、この LINE で {予約|よやく}を 見られます。",
  linkNumber: "{予約|よやく}{番号|ばんごう}",
  linkPhone: "電話{番号|ばんごう}の さいごの 4けた",
  linkSubmit: "つなぐ",
  linked: "{予約|よやく}を つなぎました。",
  failed: "うまく いきませんでした。もう一度 ためしてください。",
  refusals: {
    unauthenticated: "LINE から もう一度 ひらいてください。",
    rate_limited: "すこし まってから ためしてください。",
    invalid: "入れた ことを たしかめてください。",
    calendar_not_found: "この {予約|よやく}は できません。",
    no_such_slot: "この 時間は {予約|よやく}できません。ほかの 時間を えらんでください。",
    not_open: "まだ {予約|よやく}を はじめて いません。",
    closed: "{予約|よやく}は おわりました。{役場|やくば}に 電話を してください。",
    full: "満員です（いっぱいです）。キャンセル{待|ま}ちに 入れます。",
    already_booked: "この 時間は もう {予約|よやく}して います。",
    limit_reached: "これ{以上|いじょう} {予約|よやく}できません。",
    no_show_limit: "{予約|よやく}して こない ことが つづいたので、LINE では {予約|よやく}できません。{役場|やくば}に 電話を してください。",
    jpki_required: "さきに マイナンバーカードで {本人|ほんにん}の かくにんを してください。",
    booking_not_found: "{予約|よやく}が ありません。",
    cancel_deadline_passed: "やめられる 時間を すぎました。{役場|やくば}に 電話を してください。",
    already_cancelled: "この {予約|よやく}は もう やめて います。",
    already_waiting: "もう キャンセル{待|ま}ちに 入って います。",
    not_full: "あいて います。そのまま {予約|よやく}できます。",
    offer_not_found: "この おしらせは つかえません。",
    offer_expired: "時間が すぎました。つぎの 人に しらせました。",
    link_not_found: "{予約|よやく}{番号|ばんごう}か 電話{番号|ばんごう}が ちがいます。",
  },
  line: {
    booked: (p) => `【{予約|よやく}が できました】${p.calendar}\nいつ: ${jaWhen(p)}\nばしょ: ${p.location}\n{予約|よやく}{番号|ばんごう}: ${p.number}\nやめる ときは LINE の「{予約|よやく}」から できます。`,
    reminder: (p) => `【あしたの {予約|よやく}】${p.calendar}\nいつ: ${jaWhen(p)}\nばしょ: ${p.location}\n{予約|よやく}{番号|ばんごう}: ${p.number}\nおまちして います。`,
    cancelledByResident: (p) => `【{予約|よやく}を やめました】${p.calendar}\n${jaWhen(p)} の {予約|よやく}（${p.number}）を やめました。`,
    cancelledByStaff: (p) => `【{予約|よやく}が なくなりました】${p.calendar}\n${jaWhen(p)} の {予約|よやく}（${p.number}）は、{役場|やくば}が やめました。\nわけ: ${p.reason}`,
    offer: (p) => `【あきが でました】${p.calendar}\n${jaWhen(p)}\n${jaTime.format(p.until)}までに ここから {予約|よやく}してください。\n${p.url}`,
  },
};

const en: ReservationMessages = {
  title: "Bookings",
  intro: "Book health checkups and town facilities. Choose a free date and time.",
  noCalendars: "Nothing can be booked at the moment.",
  myBookings: "My bookings",
  location: "Place",
  jpkiNeeded: "Identity check with your My Number Card required",
  month: (month) => `${new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${month}-01T00:00:00Z`))} (${formatWareki(`${month}-01`).replace(/\d+月\d+日$/, "")})`,
  prevMonth: "Previous month",
  nextMonth: "Next month",
  weekdays: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
  dayLabel: (iso) => new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`)),
  wareki: ja.wareki,
  seatsLeft: (n) => `${n} left`,
  full: "Full",
  closedDay: "Closed",
  notOpenYet: "Not yet",
  closedDayReasons: { weekday: "No bookings on this day of the week", holiday: (name) => `Public holiday (${name})`, closure: (reason) => `Closed (${reason})` },
  pickTime: "Choose a time",
  slot: (time, left) => (left > 0 ? `${time} — ${left} left` : `${time} — full`),
  joinWaitlist: "Join the waiting list",
  waitlistJoined: "You are on the waiting list. We will tell you on LINE when a place frees up.",
  questions: "Please answer these questions",
  required: "required",
  choose: "Choose",
  confirmTitle: "Check your booking",
  confirm: "Book this",
  booked: (number) => `Booked. Your booking number is ${number}. We also sent a confirmation on LINE.`,
  cancelUntil: (at) => `You can cancel until ${enDay.format(at)}, ${enTime.format(at)}`,
  noBookings: "You have no bookings.",
  bookingNumber: "Booking number",
  status: { booked: "Booked", checked_in: "Checked in", no_show: "Did not come", cancelled: "Cancelled" },
  cancel: "Cancel this booking",
  cancelConfirm: "Cancel this booking?",
  cancelled: "Your booking was cancelled.",
  cancelClosed: "It is too late to cancel here. Please call the department.",
  waiting: "Waiting list",
  leaveWaitlist: "Leave the waiting list",
  offerTitle: "A place is free",
  offerBody: (until) => `Book before ${enTime.format(until)} on ${enDay.format(until)} to take this place.`,
  takeOffer: "Take this place",
  linkTitle: "Link a booking made by phone or at the counter",
  linkIntro: "Enter the booking number and the last 4 digits of the phone number you gave, to see it and get messages on LINE.",
  linkNumber: "Booking number",
  linkPhone: "Last 4 digits of the phone number",
  linkSubmit: "Link",
  linked: "The booking is now linked to your LINE.",
  failed: "Something went wrong. Please try again.",
  refusals: {
    unauthenticated: "Please open this page again from LINE.",
    rate_limited: "Too many attempts. Please wait a little and try again.",
    invalid: "Please check what you entered.",
    calendar_not_found: "This cannot be booked.",
    no_such_slot: "That time cannot be booked. Please choose another.",
    not_open: "Booking has not opened yet.",
    closed: "Booking has closed. Please call the department.",
    full: "Full (満員です). You can join the waiting list.",
    already_booked: "You already booked this time.",
    limit_reached: "You have reached the number of bookings allowed.",
    no_show_limit: "After several missed bookings, LINE booking is not available. Please call the department.",
    jpki_required: "Please check your identity with your My Number Card first.",
    booking_not_found: "Booking not found.",
    cancel_deadline_passed: "It is too late to cancel here. Please call the department.",
    already_cancelled: "This booking is already cancelled.",
    already_waiting: "You are already on the waiting list.",
    not_full: "There are free places: you can book directly.",
    offer_not_found: "This offer is not valid.",
    offer_expired: "This offer has expired and passed to the next person.",
    link_not_found: "The booking number or phone number does not match.",
  },
  line: {
    booked: (p) => `[Booked] ${p.calendar}\nWhen: ${enWhen(p)}\nWhere: ${p.location}\nBooking number: ${p.number}\nYou can cancel from "Bookings" in LINE.`,
    reminder: (p) => `[Tomorrow] ${p.calendar}\nWhen: ${enWhen(p)}\nWhere: ${p.location}\nBooking number: ${p.number}\nWe look forward to seeing you.`,
    cancelledByResident: (p) => `[Cancelled] ${p.calendar}\nYour booking ${p.number} on ${enWhen(p)} was cancelled.`,
    cancelledByStaff: (p) => `[Booking cancelled by the town] ${p.calendar}\nYour booking ${p.number} on ${enWhen(p)} was cancelled by the department.\nReason: ${p.reason}`,
    offer: (p) => `[A place is free] ${p.calendar}\n${enWhen(p)}\nBook it here before ${enTime.format(p.until)}:\n${p.url}`,
  },
};

export const RESERVATION_MESSAGES: Record<ResidentLocale, ReservationMessages> = { ja, "ja-easy": jaEasy, en };

const FURIGANA = /\{([^|{}]+)\|([^|{}]+)\}/g;

/** For LINE (no markup): {漢字|かんじ} → 漢字（かんじ）. */
export function lineText(text: string): string {
  return text.replace(FURIGANA, "$1（$2）");
}

/** For pages: the text split into plain parts and [kanji, reading] pairs to render as <ruby>. */
export function furiganaParts(text: string): (string | [string, string])[] {
  const parts: (string | [string, string])[] = [];
  let last = 0;
  for (const match of text.matchAll(FURIGANA)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push([match[1]!, match[2]!]);
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** Plain text without the readings, e.g. for a page title. */
export function withoutFurigana(text: string): string {
  return text.replace(FURIGANA, "$1");
}
