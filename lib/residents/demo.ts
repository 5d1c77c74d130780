/**
 * Demo residents for development and tests: who they are in LINE (the simulator's users and the LIFF dev
 * picker) and who their My Number card says they are (the JPKI simulator). Fictional people in 当麻町.
 * `jpkiScenario` picks the JPKI simulator's path for that card.
 */
export type JpkiScenario = "ok" | "user_cancelled" | "card_locked" | "information_differs";

export type DemoResident = {
  key: string;
  lineUserId: string;
  displayName: string;
  /** What the resident types on a filing (and what the 住民基本台帳 says). */
  filing: { name: string; address: string; birthdate: string; gender: "male" | "female" };
  /** What the card returns: the same as the filing, except in the "information_differs" case. */
  card: { name: string; address: string; birthdate: string; gender: "male" | "female" };
  jpkiScenario: JpkiScenario;
};

const TOWN = "北海道上川郡当麻町";

function same(filing: DemoResident["filing"]) {
  return { ...filing };
}

const hanako = { name: "当麻 花子", address: `${TOWN}3条東2丁目11番1号`, birthdate: "1952-04-18", gender: "female" as const };
const taro = { name: "当麻 太郎", address: `${TOWN}3条東2丁目11番1号`, birthdate: "1950-09-02", gender: "male" as const };
const sato = { name: "佐藤 健一", address: `${TOWN}4条西1丁目5番3号`, birthdate: "1985-12-24", gender: "male" as const };
const kimura = { name: "木村 美咲", address: `${TOWN}宇園別1区124番地`, birthdate: "1993-07-07", gender: "female" as const };
/** A resident who reads English: the English journeys use her, so no other case changes her language meanwhile. */
const smith = { name: "スミス エミリー", address: `${TOWN}2条西3丁目1番7号`, birthdate: "1990-05-20", gender: "female" as const };
/** The 電子申請 browser case files as him: no other case changes his language meanwhile. */
const kitamura = { name: "北村 誠", address: `${TOWN}4条東1丁目2番3号`, birthdate: "1968-11-03", gender: "male" as const };
/** The my-applications language case switches her language: no other case uses her. */
const aoki = { name: "青木 結衣", address: `${TOWN}6条西2丁目4番1号`, birthdate: "1999-02-14", gender: "female" as const };
/** The 粗大ごみ and 住民票 browser cases file as her: no other case changes her language meanwhile. */
const nakagawa = { name: "中川 和子", address: `${TOWN}5条西3丁目8番2号`, birthdate: "1958-06-11", gender: "female" as const };
/** The 健診 booking browser case books as him: no other case changes his language meanwhile. */
const fujita = { name: "藤田 茂", address: `${TOWN}1条東4丁目6番5号`, birthdate: "1955-10-08", gender: "male" as const };
const yamada = { name: "山田 正", address: `${TOWN}中央2区5番地`, birthdate: "1947-01-30", gender: "male" as const };

export const DEMO_RESIDENTS: DemoResident[] = [
  { key: "hanako", lineUserId: "U1a0000000000000000000000000000a1", displayName: "はなこ", filing: hanako, card: same(hanako), jpkiScenario: "ok" },
  { key: "taro", lineUserId: "U1a0000000000000000000000000000a2", displayName: "たろう", filing: taro, card: same(taro), jpkiScenario: "ok" },
  { key: "sato", lineUserId: "U1a0000000000000000000000000000b1", displayName: "Ken", filing: sato, card: same(sato), jpkiScenario: "user_cancelled" },
  { key: "kimura", lineUserId: "U1a0000000000000000000000000000c1", displayName: "みさき", filing: kimura, card: same(kimura), jpkiScenario: "card_locked" },
  {
    key: "yamada",
    lineUserId: "U1a0000000000000000000000000000d1",
    displayName: "山田",
    filing: yamada,
    // Moved last month; the card still carries the old address.
    card: { ...yamada, address: `${TOWN}5条東3丁目2番8号` },
    jpkiScenario: "information_differs",
  },
  { key: "makoto", lineUserId: "U1a0000000000000000000000000000f1", displayName: "まこと", filing: kitamura, card: same(kitamura), jpkiScenario: "ok" },
  { key: "yui", lineUserId: "U1a0000000000000000000000000000f2", displayName: "ゆい", filing: aoki, card: same(aoki), jpkiScenario: "ok" },
  { key: "kazuko", lineUserId: "U1a0000000000000000000000000000f3", displayName: "かずこ", filing: nakagawa, card: same(nakagawa), jpkiScenario: "ok" },
  { key: "shigeru", lineUserId: "U1a0000000000000000000000000000f4", displayName: "しげる", filing: fujita, card: same(fujita), jpkiScenario: "ok" },
  { key: "emily", lineUserId: "U1a0000000000000000000000000000e1", displayName: "Emily", filing: smith, card: same(smith), jpkiScenario: "ok" },
];

export function demoResidentByKey(key: string): DemoResident | undefined {
  return DEMO_RESIDENTS.find((resident) => resident.key === key);
}
