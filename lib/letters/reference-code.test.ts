import { describe, expect, it } from "vitest";
import { REFERENCE_ALPHABET, canonicalReferenceCode, generateReferenceCode, validateReferenceCode } from "./reference-code";

const swap = (text: string, i: number) => text.slice(0, i) + text[i + 1] + text[i] + text.slice(i + 2);

describe("generateReferenceCode", () => {
  it("formats 12 alphabet characters in three groups and validates", () => {
    for (let n = 0; n < 200; n++) {
      const code = generateReferenceCode();
      expect(code).toMatch(new RegExp(`^[${REFERENCE_ALPHABET}]{4}-[${REFERENCE_ALPHABET}]{4}-[${REFERENCE_ALPHABET}]{4}$`));
      expect(validateReferenceCode(code)).toEqual({ ok: true, code });
    }
  });

  it("is random: 2,000 codes are all different and use the whole alphabet", () => {
    const codes = Array.from({ length: 2000 }, generateReferenceCode);
    expect(new Set(codes).size).toBe(codes.length);
    const used = new Set(codes.join("").replace(/-/gu, ""));
    expect(used.size).toBe(REFERENCE_ALPHABET.length);
  });

  it("uses a prime-sized alphabet without look-alikes", () => {
    expect(REFERENCE_ALPHABET).toHaveLength(29);
    for (const ch of "01OIZSB") expect(REFERENCE_ALPHABET).not.toContain(ch);
  });
});

describe("validateReferenceCode", () => {
  it("rejects every single substitution and every adjacent transposition", () => {
    for (let n = 0; n < 30; n++) {
      const compact = canonicalReferenceCode(generateReferenceCode());
      for (let i = 0; i < compact.length; i++) {
        for (const ch of REFERENCE_ALPHABET) {
          if (ch === compact[i]) continue;
          const typo = compact.slice(0, i) + ch + compact.slice(i + 1);
          expect(validateReferenceCode(typo).ok, typo).toBe(false);
        }
        if (i + 1 < compact.length && compact[i] !== compact[i + 1]) {
          expect(validateReferenceCode(swap(compact, i)).ok).toBe(false);
        }
      }
    }
  });

  it("forgives width, case, spaces and dash variants", () => {
    const code = generateReferenceCode();
    const sloppy = ` ${code.toLowerCase().replace(/-/gu, " ")} `.normalize("NFKC");
    const fullWidth = code.replace(/[A-Z0-9]/gu, (ch) => String.fromCodePoint(ch.codePointAt(0)! + 0xfee0)).replace(/-/gu, "ー");
    expect(validateReferenceCode(sloppy)).toEqual({ ok: true, code });
    expect(validateReferenceCode(fullWidth)).toEqual({ ok: true, code });
  });

  it("explains what is wrong", () => {
    expect(validateReferenceCode("ABCD-EFGH")).toEqual({ ok: false, reason: "照会番号は12文字です（入力は8文字）" });
    expect(validateReferenceCode("ABCD-EFGH-JKL0")).toEqual({ ok: false, reason: "照会番号に使われない文字「B」があります" });
    const compact = canonicalReferenceCode(generateReferenceCode());
    const last = REFERENCE_ALPHABET[(REFERENCE_ALPHABET.indexOf(compact[11]!) + 1) % 29];
    expect(validateReferenceCode(compact.slice(0, 11) + last)).toEqual({
      ok: false,
      reason: "照会番号が正しくありません。もう一度お確かめください",
    });
  });
});
