import { describe, expect, it } from "vitest";
import { isStorableText, safeText, searchText, storableJsonCopy, textProblem, unstorableJsonText } from "./text";

describe("safeText", () => {
  const reason = safeText({ label: "理由", min: 2, max: 10, multiline: true });
  const name = safeText({ label: "氏名", min: 1, max: 5 });

  it("accepts ordinary Japanese text and surrogate pairs", () => {
    expect(reason.parse(" 書類の不備 ")).toBe("書類の不備");
    expect(name.parse("𠮷田")).toBe("𠮷田");
    expect(reason.parse("一行目\n二行目")).toBe("一行目\n二行目");
  });

  it("refuses NUL, control characters and lone surrogates with a Japanese message naming the field", () => {
    for (const bad of ["a\u0000b", "a\u0007b", "ab\uD800", "\uDC00ab"]) {
      const result = reason.safeParse(bad);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/^理由に/);
    }
  });

  it("refuses line breaks in single-line fields and enforces length in characters", () => {
    expect(name.safeParse("山田\n太郎").error?.issues[0]?.message).toBe("氏名に改行は入れられません");
    expect(name.safeParse("").error?.issues[0]?.message).toBe("氏名を入力してください");
    expect(name.safeParse("𠮷𠮷𠮷𠮷𠮷").success).toBe(true);
    expect(name.safeParse("あいうえおか").error?.issues[0]?.message).toBe("氏名は5文字以内にしてください");
    expect(reason.safeParse("あ").error?.issues[0]?.message).toBe("理由は2文字以上で入力してください");
  });

  it("searchText is optional and refuses what cannot be stored", () => {
    const term = searchText();
    expect(term.parse(undefined)).toBeUndefined();
    expect(term.safeParse("たかはし\u0000").success).toBe(false);
  });

  it("textProblem and isStorableText agree", () => {
    expect(textProblem("ok", "x")).toBeNull();
    expect(isStorableText("a\uD83D")).toBe(false);
    expect(isStorableText("a\r\nb")).toBe(true);
  });
});

describe("JSON payloads kept whole", () => {
  it("unstorableJsonText names the first bad string or key by its path; storableJsonCopy replaces it", () => {
    expect(unstorableJsonText({ a: [1, "ok", { b: "x\u0000" }] })).toBe("$.a[2].bに使えない制御文字が含まれています");
    expect(unstorableJsonText({ ["k\uD800"]: 1 })).toMatch(/^\$ のキーに壊れた文字/);
    expect(unstorableJsonText({ text: "一行目\n二行目", n: null, t: true })).toBeNull();
    expect(storableJsonCopy({ ["k\uD800"]: ["a\u0000", 2] })).toEqual({ "k\uFFFD": ["a\uFFFD", 2] });
  });
});
