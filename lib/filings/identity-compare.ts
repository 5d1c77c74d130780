import { compareAddresses, nameKey, type TownProfile } from "@/lib/matching/normalize";

/** The JPKI-verified 基本4情報 next to the roster's, field by field, for the reviewer's side-by-side. */
export type IdentityField = "name" | "birthDate" | "address" | "sex";
export type IdentityRow = { field: IdentityField; label: string; card: string; roster: string; same: boolean; note?: string };

const SEX_TEXT: Record<string, string> = { male: "男", female: "女", other: "その他", "1": "男", "2": "女" };
const LABELS: Record<IdentityField, string> = { name: "氏名", birthDate: "生年月日", address: "住所", sex: "性別" };

/**
 * Compares as the filing match does (lib/matching): names by nameKey (髙/高, spacing), addresses by block and
 * building, so a difference shown here is one the matcher also saw, not a spelling variant.
 */
export function compareIdentity(
  card: { name: string; birthdate: string; address: string; gender: string },
  roster: { name: string; birthDate: string; address: string; sex: string },
  town?: TownProfile,
): IdentityRow[] {
  const address = compareAddresses(card.address, roster.address, town);
  const cardSex = SEX_TEXT[card.gender] ?? card.gender;
  const rosterSex = SEX_TEXT[roster.sex] ?? roster.sex;
  return [
    { field: "name", label: LABELS.name, card: card.name, roster: roster.name, same: nameKey(card.name) === nameKey(roster.name) },
    { field: "birthDate", label: LABELS.birthDate, card: card.birthdate, roster: roster.birthDate, same: card.birthdate === roster.birthDate },
    {
      field: "address",
      label: LABELS.address,
      card: card.address,
      roster: roster.address,
      same: address === "exact",
      note: address === "block" ? "建物名・部屋番号が違います" : address === "partial" ? "番地の一部だけが一致" : address === "none" ? "別の場所です" : undefined,
    },
    { field: "sex", label: LABELS.sex, card: cardSex, roster: rosterSex, same: cardSex === rosterSex },
  ];
}
