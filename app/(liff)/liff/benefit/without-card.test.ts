import { describe, expect, it } from "vitest";
import { birthDateFromParts, birthYears, referenceRetryQuery, typedReference } from "./without-card";

describe("the head's birth date from three selects", () => {
  it("makes an ISO date of real dates only", () => {
    expect(birthDateFromParts("1950", "9", "2")).toBe("1950-09-02");
    expect(birthDateFromParts("2000", "2", "29")).toBe("2000-02-29");
    expect(birthDateFromParts("1950", "2", "30")).toBeNull();
    expect(birthDateFromParts("1951", "2", "29")).toBeNull();
    expect(birthDateFromParts("1950", "13", "1")).toBeNull();
    expect(birthDateFromParts("1950", "", "1")).toBeNull();
    expect(birthDateFromParts(undefined, "1", "1")).toBeNull();
    expect(birthDateFromParts("19500", "1", "1")).toBeNull();
  });

  it("offers every year from this one back to 1900, newest first", () => {
    const years = birthYears(new Date("2026-11-22T00:00:00+09:00"));
    expect(years[0]).toBe(2026);
    expect(years.at(-1)).toBe(1900);
    expect(years).toHaveLength(127);
  });
});

describe("a refused code comes back into the form", () => {
  it("keeps what was typed, and only what a code may hold", () => {
    expect(typedReference(" abcd-efgh ")).toBe("abcd-efgh");
    expect(typedReference("<script>")).toBe("");
    expect(typedReference("x".repeat(25))).toBe("");
    expect(typedReference(undefined)).toBe("");
  });

  it("the return trip names the problem and carries the typed code and date parts", () => {
    const query = new URLSearchParams(referenceRetryQuery("length", { ref: "ABCD-EFGH", by: "1948", bm: "3", bd: "4" }));
    expect(Object.fromEntries(query)).toEqual({ error: "length", ref: "ABCD-EFGH", by: "1948", bm: "3", bd: "4" });
    expect(Object.fromEntries(new URLSearchParams(referenceRetryQuery("required", { ref: "至急 電話", by: "<b>" })))).toEqual({ error: "required" });
  });
});
