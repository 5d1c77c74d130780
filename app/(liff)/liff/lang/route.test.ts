import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { getResidentLocaleById } from "@/lib/residents/locale";
import { upsertResidentByLineUserId } from "@/lib/residents/residents";
import { createResidentSessionToken, residentCookieName } from "@/lib/residents/session";
import { GET } from "./route";

const call = (query: string, headers: Record<string, string> = {}) => GET(new Request(`http://localhost/liff/lang?${query}`, { headers }));

describe("GET /liff/lang (the language switch)", () => {
  it("keeps the choice for a year (SameSite=Lax) and goes back to the page", async () => {
    const response = await call(new URLSearchParams({ to: "en", next: "/liff/benefit/status?jpki=verified" }).toString());
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/liff/benefit/status?jpki=verified");
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^yakuba_lang=en;/);
    expect(cookie).toMatch(/Max-Age=31536000/i);
    expect(cookie).toMatch(/SameSite=lax/i);
    expect(cookie).toMatch(/Path=\//i);
  });

  it("goes back only to our own LIFF pages", async () => {
    for (const next of ["https://evil.example/", "//evil.example/liff", "/admin", "/liffx", ""]) {
      expect((await call(new URLSearchParams({ to: "ja-easy", next }).toString())).headers.get("location"), next).toBe("/liff");
    }
    // A query the strict pattern refuses is dropped, the path kept.
    expect((await call(new URLSearchParams({ to: "ja", next: "/liff/benefit?q=a b" }).toString())).headers.get("location")).toBe("/liff/benefit");
  });

  it("without `next` (the link as first rendered), goes back to the same-origin page it was pressed on", async () => {
    expect((await call("to=en", { referer: "http://localhost/liff/benefit/status?x=1" })).headers.get("location")).toBe("/liff/benefit/status?x=1");
    expect((await call("to=en", { referer: "https://evil.example/liff/benefit" })).headers.get("location")).toBe("/liff");
    expect((await call("to=en", { referer: "http://localhost/admin" })).headers.get("location")).toBe("/liff");
  });

  it("sets nothing for an unknown language", async () => {
    const response = await call("to=fr&next=%2Fliff");
    expect(response.status).toBe(303);
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it("keeps a signed-in resident's choice on their record, for LINE messages", async () => {
    const db = await getDb();
    const { resident } = await upsertResidentByLineUserId(db, { lineUserId: `U${"9e".repeat(16)}` });
    const { token } = await createResidentSessionToken(resident.id);
    await call("to=ja-easy&next=%2Fliff", { cookie: `other=1; ${residentCookieName()}=${encodeURIComponent(token)}` });
    expect(await getResidentLocaleById(db, resident.id)).toBe("ja-easy");
    // A forged session changes nothing.
    await call("to=en&next=%2Fliff", { cookie: `${residentCookieName()}=forged` });
    expect(await getResidentLocaleById(db, resident.id)).toBe("ja-easy");
  });
});
