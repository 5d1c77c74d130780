import { describe, expect, it } from "vitest";
import { DEFAULT_TEMPLATES, programSchema, unknownPlaceholders } from "./validations";

const valid = {
  departmentId: "0b9d6f7e-6a57-4c8e-9b7a-3f1f7d2c1a10",
  code: "bf",
  name: "物価高騰支援ポイント",
  pointsPerPerson: "10000",
  referenceDate: "2026-10-01",
  filingOpensAt: "2026-11-01T00:00:00+09:00",
  filingClosesAt: "2026-12-31T17:00:00+09:00",
  acceptsLine: true,
  acceptsCounter: true,
  lineRequiresJpki: true,
  templates: { ...DEFAULT_TEMPLATES },
};

describe("program message templates", () => {
  it("accept the four placeholders we fill", () => {
    expect(programSchema.safeParse(valid).success).toBe(true);
    expect(unknownPlaceholders("{事業名} {受付番号} {ポイント} {理由}")).toEqual([]);
  });

  it("refuse a placeholder we would not fill, naming it and the ones that work", () => {
    const parsed = programSchema.safeParse({ ...valid, templates: { ...valid.templates, approved: "{事業名}: {ポイント数}ポイントを付与します" } });
    expect(parsed.success).toBe(false);
    const issue = parsed.error!.issues.find((i) => i.path.join(".") === "templates.approved");
    expect(issue?.message).toContain("{ポイント数} は差し込めません");
    expect(issue?.message).toContain("{受付番号}");
  });

  it("catch full-width braces, which residents would see as typed", () => {
    expect(unknownPlaceholders("｛事業名｝の申請を受け付けました")).toEqual(["｛事業名｝"]);
  });
});
