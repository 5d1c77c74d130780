import { compareAddresses, nameKey, normalizeAddress, type AddressComparison, type TownProfile } from "@/lib/matching/normalize";

/** The JPKI-verified 基本4情報 next to the roster's, field by field, for the reviewer's side-by-side. */
export type IdentityField = "name" | "birthDate" | "address" | "sex";
export type IdentityRow = { field: IdentityField; label: string; card: string; roster: string; same: boolean; note?: string };

const SEX_TEXT: Record<string, string> = { male: "男", female: "女", other: "その他", "1": "男", "2": "女" };
const LABELS: Record<IdentityField, string> = { name: "氏名", birthDate: "生年月日", address: "住所", sex: "性別" };

/**
 * Compares as the filing match does (lib/matching): names by nameKey (髙/高, spacing), addresses by block,
 * building and room, so a difference shown here is one the matcher also saw, not a spelling variant.
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
      note: addressNote(address, card.address, roster.address, town),
    },
    { field: "sex", label: LABELS.sex, card: cardSex, roster: rosterSex, same: cardSex === rosterSex },
  ];
}

/** What the reviewer should check, in the matcher's terms: which part differs and on which side. */
function addressNote(verdict: AddressComparison, cardAddress: string, rosterAddress: string, town?: TownProfile): string | undefined {
  if (verdict === "exact") return undefined;
  const card = normalizeAddress(cardAddress, town);
  const roster = normalizeAddress(rosterAddress, town);
  const sameBlock = card.block === roster.block;
  if (verdict === "block") {
    if (!sameBlock) return "部屋番号の書き方だけが違います（同じ部屋）";
    return card.room ? `建物名だけが違います（番地・部屋番号${card.room}は同じ）` : "建物名だけが違います（番地は同じ）";
  }
  if (verdict === "partial") {
    if (sameBlock) {
      return card.room
        ? `部屋番号${card.room}がカードにだけあります（番地は同じ。名簿の部屋を確認してください）`
        : `部屋番号${roster.room}が名簿にだけあります（番地は同じ。カードの部屋を確認してください）`;
    }
    const [longer, shorter] = card.block.length > roster.block.length ? ["カード", "名簿"] : ["名簿", "カード"];
    return `${longer}の番地が${shorter}より一段長く、部屋番号か番地の続きか確認が必要です`;
  }
  if (sameBlock && card.room && roster.room) return `同じ建物の別の部屋です（カード${card.room}、名簿${roster.room}）`;
  return "別の場所です";
}
