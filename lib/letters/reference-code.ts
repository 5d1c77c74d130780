/**
 * 照会番号: the per-household reference code printed on the mailed letter.
 *
 * Scheme: 11 random characters + 1 check character over a 29-character alphabet without look-alikes
 * (no 0/O, 1/I, Z/2, S/5, B/8). 29 is prime, so a weighted sum mod 29 catches every error it must:
 *   Σ (i+1)·value(c_i) ≡ 0 (mod 29) over all 12 positions, the check character included.
 * - any single substitution changes the sum by w·Δ with w, Δ ≠ 0 mod 29 → detected;
 * - any adjacent transposition changes it by (w_i − w_{i+1})·Δ = −Δ ≠ 0 → detected.
 * 29^11 ≈ 1.2×10^16 (53 bits) random codes: unguessable at any rate the app allows.
 * Printed and shown as three groups of four: "XXXX-XXXX-XXXX".
 */
import { randomInt } from "node:crypto";

export const REFERENCE_ALPHABET = "23456789ACDEFGHJKLMNPQRTUVWXY";
const MODULUS = REFERENCE_ALPHABET.length; // 29, prime
const LENGTH = 12;
const GROUP = 4;

function weightedSum(values: readonly number[]): number {
  return values.reduce((sum, value, i) => (sum + (i + 1) * value) % MODULUS, 0);
}

/** The check character that makes the weighted sum of `payload` + it ≡ 0 (mod 29). */
function checkValue(payload: readonly number[]): number {
  const weight = payload.length + 1;
  const sum = weightedSum(payload);
  // Solve sum + weight·x ≡ 0: weight is invertible mod a prime.
  for (let x = 0; x < MODULUS; x++) if ((sum + weight * x) % MODULUS === 0) return x;
  throw new Error("unreachable: modulus is prime");
}

export function formatReferenceCode(compact: string): string {
  return compact.match(new RegExp(`.{1,${GROUP}}`, "gu"))!.join("-");
}

/** Width, case, spaces and hyphens are forgiven; "abcd efgh" = "ABCD-EFGH". Returns the compact form. */
export function canonicalReferenceCode(input: string): string {
  return input.normalize("NFKC").toUpperCase().replace(/[\s\-‐－ー−]/gu, "");
}

export function generateReferenceCode(): string {
  const payload = Array.from({ length: LENGTH - 1 }, () => randomInt(MODULUS));
  const values = [...payload, checkValue(payload)];
  return formatReferenceCode(values.map((value) => REFERENCE_ALPHABET[value]).join(""));
}

export type ReferenceCodeCheck = { ok: true; code: string } | { ok: false; reason: string };

/** Why validateReferenceCode refuses input, as a stable code: pages pass it in URLs and look up their own words. */
export type ReferenceCodeProblem = "length" | "format" | "check_digit";
export const REFERENCE_CODE_PROBLEMS: readonly ReferenceCodeProblem[] = ["length", "format", "check_digit"];

/** The one place the checks live, in order; null when the input is a valid code. */
export function referenceCodeProblem(input: string): ReferenceCodeProblem | null {
  const compact = canonicalReferenceCode(input);
  if (compact.length !== LENGTH) return "length";
  const values = Array.from(compact, (ch) => REFERENCE_ALPHABET.indexOf(ch));
  if (values.some((value) => value < 0)) return "format";
  return weightedSum(values) === 0 ? null : "check_digit";
}

/** Validates typed input; on success `code` is the canonical "XXXX-XXXX-XXXX" form to look up. */
export function validateReferenceCode(input: string): ReferenceCodeCheck {
  const compact = canonicalReferenceCode(input);
  switch (referenceCodeProblem(input)) {
    case "length":
      return { ok: false, reason: `照会番号は${LENGTH}文字です（入力は${compact.length}文字）` };
    case "format":
      return { ok: false, reason: `照会番号に使われない文字「${Array.from(compact).find((ch) => !REFERENCE_ALPHABET.includes(ch))}」があります` };
    case "check_digit":
      return { ok: false, reason: "照会番号が正しくありません。もう一度お確かめください" };
    case null:
      return { ok: true, code: formatReferenceCode(compact) };
  }
}

export function isReferenceCodeProblem(value: unknown): value is ReferenceCodeProblem {
  return typeof value === "string" && (REFERENCE_CODE_PROBLEMS as readonly string[]).includes(value);
}
