import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { SURVEY_FORM } from "@/lib/forms/demo-definitions";
import { decideSubmission } from "@/lib/forms/review";
import { createResidentSessionToken, residentCookieName } from "@/lib/residents/session";
import { createActor, createDepartment } from "@/lib/testing/factories";
import { createLiveForm, createResidentIn, fileForm } from "@/lib/testing/form-factories";
import MyApplications from "./page";

// The page reads the session and language cookies through next/headers, as in a request.
const request = { cookie: "", lang: "ja", address: "192.0.2.40" };
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (name === residentCookieName() && request.cookie ? { name, value: request.cookie } : name === "yakuba_lang" ? { name, value: request.lang } : undefined) }),
  headers: async () => new Headers({ "x-forwarded-for": request.address, cookie: [request.cookie && `${residentCookieName()}=${request.cookie}`, request.lang && `yakuba_lang=${request.lang}`].filter(Boolean).join("; ") }),
}));

let html: (query?: Record<string, string>) => Promise<string>;
let reference: string;
let submissionId: string;
beforeAll(async () => {
  const departmentId = (await createDepartment()).id;
  const form = await createLiveForm(departmentId, SURVEY_FORM);
  const who = await createResidentIn("ja");
  ({ reference, id: submissionId } = await fileForm(who, form.id, { travel: "bus", bus_trips: 2 }));
  await decideSubmission({ actor: await createActor([{ departmentId, role: "reviewer" }]), requestId: null }, { submissionId, decision: "return", reason: "回数を確認してください" });
  request.cookie = (await createResidentSessionToken(who.resident.id)).token;
  html = async (query = {}) => renderToStaticMarkup(await MyApplications({ searchParams: Promise.resolve(query) }));
});

describe("/liff/applications", () => {
  it("shows the returned submission with its reason, history and both actions, in 日本語", async () => {
    request.lang = "ja";
    const page = await html();
    expect(page).toContain("申請の状況");
    expect(page).toContain(reference);
    expect(page).toContain("差し戻し");
    expect(page).toContain("回数を確認してください");
    expect(page).toContain('action="/liff/applications/resubmit"');
    expect(page).toContain(`href="/liff/applications?confirm=${submissionId}#application-${submissionId}"`);
    expect(page).not.toContain('action="/liff/applications/withdraw"');
  });

  it("asks before withdrawing, and speaks やさしい日本語 with furigana and English", async () => {
    request.lang = "ja-easy";
    const easy = await html({ confirm: submissionId });
    expect(easy).toContain("<ruby>申請<rt>しんせい</rt></ruby>");
    expect(easy).toContain('action="/liff/applications/withdraw"');
    expect(easy).toContain("とりさげますか");
    request.lang = "en";
    const en = await html({ done: "withdrawn", refund: "started" });
    expect(en).toContain("My applications");
    expect(en).toContain("Your application was withdrawn.");
    expect(en).toContain("Correct and send again");
  });
});
