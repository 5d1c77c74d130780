import { describe, expect, it } from "vitest";
import { GET } from "./route";

const call = (query: string) => GET(new Request(`http://localhost/liff/lang?${query}`));

describe("GET /liff/lang (the language switch)", () => {
  it("keeps the choice for a year (SameSite=Lax) and goes back to the page", () => {
    const response = call(new URLSearchParams({ to: "en", next: "/liff/benefit/status?jpki=verified" }).toString());
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/liff/benefit/status?jpki=verified");
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^yakuba_lang=en;/);
    expect(cookie).toMatch(/Max-Age=31536000/i);
    expect(cookie).toMatch(/SameSite=lax/i);
    expect(cookie).toMatch(/Path=\//i);
  });

  it("goes back only to our own LIFF pages", () => {
    for (const next of ["https://evil.example/", "//evil.example/liff", "/admin", "/liffx", ""]) {
      expect(call(new URLSearchParams({ to: "ja-easy", next }).toString()).headers.get("location"), next).toBe("/liff");
    }
    // A query the strict pattern refuses is dropped, the path kept.
    expect(call(new URLSearchParams({ to: "ja", next: "/liff/benefit?q=a b" }).toString()).headers.get("location")).toBe("/liff/benefit");
  });

  it("sets nothing for an unknown language", () => {
    const response = call("to=fr&next=%2Fliff");
    expect(response.status).toBe(303);
    expect(response.headers.get("set-cookie")).toBeNull();
  });
});
