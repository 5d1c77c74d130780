import { describe, expect, it } from "vitest";
import { cookieValue } from "./cookies";

describe("cookieValue", () => {
  it("finds one cookie among others, spaced or not", () => {
    expect(cookieValue("a=1; yakuba_resident=tok.en-_x; b=2", "yakuba_resident")).toBe("tok.en-_x");
    expect(cookieValue("yakuba_resident=abc;b=2", "yakuba_resident")).toBe("abc");
    expect(cookieValue(" b=2 ;  yakuba_resident = abc ", "yakuba_resident")).toBe("abc");
  });

  it("takes the first of two, decodes percent-encoding and quotes, and keeps a malformed encoding as sent", () => {
    expect(cookieValue("x=1; x=2", "x")).toBe("1");
    expect(cookieValue("x=%E5%BD%B9%E5%A0%B4", "x")).toBe("役場");
    expect(cookieValue('x="quoted"', "x")).toBe("quoted");
    expect(cookieValue("x=%E5%", "x")).toBe("%E5%");
  });

  it("is null when absent, for a name that only prefixes another, and for a pair without a value separator", () => {
    expect(cookieValue(null, "x")).toBeNull();
    expect(cookieValue("", "x")).toBeNull();
    expect(cookieValue("xx=1; x_=2", "x")).toBeNull();
    expect(cookieValue("x; y=1", "x")).toBeNull();
    expect(cookieValue("x=", "x")).toBe("");
  });
});
