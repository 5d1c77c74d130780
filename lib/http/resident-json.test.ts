import { describe, expect, it, vi } from "vitest";
import { RESIDENT_MESSAGES } from "@/lib/i18n/messages";
import { residentFailure } from "@/lib/residents/errors";

// The request's language comes from cookies/headers in Next; here the resident reads English.
vi.mock("@/lib/i18n/resident", () => ({ getResidentMessages: async () => ({ locale: "en", t: RESIDENT_MESSAGES.en }) }));
const { residentErrorJson } = await import("./resident-json");

describe("residentErrorJson (a LIFF endpoint's refusal)", () => {
  it("words a coded refusal in the resident's language, with its code and status, never cached, keeping extra headers", async () => {
    const response = await residentErrorJson(residentFailure(429, { code: "rate_limited" }), { headers: { "retry-after": "30" } });
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("30");
    expect(response.headers.get("cache-control")).toBe("private, no-store, no-transform");
    expect(await response.json()).toEqual({ error: RESIDENT_MESSAGES.en.errors.rate_limited, code: "rate_limited" });
  });

  it("passes an uncoded refusal through as the server's Japanese, marked lang ja, with field details", async () => {
    const response = await residentErrorJson({ status: 409, error: "想定外の理由です。", fieldErrors: { filingId: ["不正な値です"] } });
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ error: "想定外の理由です。", lang: "ja", fieldErrors: { filingId: ["不正な値です"] } });
  });
});
