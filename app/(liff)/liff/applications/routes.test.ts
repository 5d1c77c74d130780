import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { formDrafts, formSubmissions } from "@/db/schema/forms";
import { decideSubmission } from "@/lib/forms/review";
import { SURVEY_FORM } from "@/lib/forms/demo-definitions";
import { startOrResumeDraftOperation } from "@/lib/forms/drafts";
import { runResidentGuarded } from "@/lib/residents/guard";
import { createResidentSessionToken, residentCookieName } from "@/lib/residents/session";
import { createActor, createDepartment } from "@/lib/testing/factories";
import { createLiveForm, createResidentIn, fileForm } from "@/lib/testing/form-factories";
import { outcomeNotice } from "./outcome";
import { POST as resubmit } from "./resubmit/route";
import { POST as withdraw } from "./withdraw/route";

// The handlers read the session cookie and client address through next/headers, as in a request.
const request = { cookie: "", address: "192.0.2.30" };
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (name === residentCookieName() && request.cookie ? { name, value: request.cookie } : undefined) }),
  headers: async () => new Headers({ "x-forwarded-for": request.address, cookie: request.cookie ? `${residentCookieName()}=${request.cookie}` : "" }),
}));

let departmentId: string;
let form: { id: string; code: string };
beforeAll(async () => {
  departmentId = (await createDepartment()).id;
  form = await createLiveForm(departmentId, SURVEY_FORM);
});

const filedBy = (who: Awaited<ReturnType<typeof createResidentIn>>) => fileForm(who, form.id, { travel: "bus", bus_trips: 2 });

const post = (handler: (r: Request) => Promise<Response>, submissionId: string) => handler(new Request("http://localhost/liff/applications/x", { method: "POST", body: new URLSearchParams({ submissionId }) }));

describe("the withdraw and resubmit buttons of /liff/applications", () => {
  it("withdraw: back to the list saying it is done; a second one comes back with the refusal in the resident's language", async () => {
    const who = await createResidentIn("en");
    const submission = await filedBy(who);
    request.cookie = "";
    expect((await post(withdraw, submission.id)).headers.get("location")).toBe("http://localhost/liff?next=%2Fliff%2Fapplications");
    request.cookie = (await createResidentSessionToken(who.resident.id)).token;
    const done = await post(withdraw, submission.id);
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe(`http://localhost/liff/applications?done=withdrawn#application-${submission.id}`);
    const again = await post(withdraw, submission.id);
    const location = new URL(again.headers.get("location")!);
    expect(location.searchParams.get("error")).toBe("already_withdrawn");
    expect(outcomeNotice(Object.fromEntries(location.searchParams), "en")).toMatchObject({ tone: "warn", text: expect.any(String) });
    expect(outcomeNotice({ done: "withdrawn", refund: "started" }, "ja-easy")!.text).toContain("かえす");
  });

  it("resubmit: a returned submission opens its form pages with the correction draft; an unsent other draft is not overwritten", async () => {
    const who = await createResidentIn("ja");
    request.cookie = (await createResidentSessionToken(who.resident.id)).token;
    const submission = await filedBy(who);
    expect(new URL((await post(resubmit, submission.id)).headers.get("location")!).searchParams.get("error")).toBe("not_returned");
    const staff = await createActor([{ departmentId, role: "reviewer" }]);
    expect((await decideSubmission({ actor: staff, requestId: null }, { submissionId: submission.id, decision: "return", reason: "回数を確認" })).ok).toBe(true);
    // A new application of the same form is under way: refused, in the resident's words, and that draft kept.
    const other = await runResidentGuarded(who.context, startOrResumeDraftOperation, { formId: form.id });
    if (!other.ok) throw new Error(other.error);
    expect(new URL((await post(resubmit, submission.id)).headers.get("location")!).searchParams.get("error")).toBe("draft_in_progress");
    const db = await getDb();
    expect(await db.select().from(formDrafts).where(eq(formDrafts.id, other.data.draft.id))).toHaveLength(1);
    await db.delete(formDrafts).where(eq(formDrafts.id, other.data.draft.id));

    const opened = await post(resubmit, submission.id);
    expect(opened.headers.get("location")).toBe(`http://localhost/liff/forms/${form.code}`);
    const [draft] = await db.select().from(formDrafts).where(eq(formDrafts.resubmitsSubmissionId, submission.id));
    expect(draft).toMatchObject({ versionId: submission.versionId, residentId: who.resident.id });
    expect((await db.select().from(formSubmissions).where(eq(formSubmissions.id, submission.id)))[0]!.status).toBe("returned");
  });
});
