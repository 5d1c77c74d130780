import { describe, expect, it } from "vitest";
import { pickCounterProgram } from "@/components/filings/counter-program";
import { queueInputFromSearchParams } from "@/components/filings/queue-params";
import { queueParamsSchema } from "@/lib/filings/validations";

const PROGRAM = "7d0c4a52-3a55-4a46-9a3d-0d6f1f0b9a11";

describe("counter program in the URL", () => {
  const a = { id: "a" };
  const b = { id: "b" };
  it("keeps the remembered program when the clerk may use it", () => {
    expect(pickCounterProgram([a, b], "b")).toBe(b);
    expect(pickCounterProgram([a, b], ["a", "b"])).toBe(a);
  });
  it("falls back to the only program, otherwise asks", () => {
    expect(pickCounterProgram([a], "zzz")).toBe(a);
    expect(pickCounterProgram([a, b], "zzz")).toBeNull();
    expect(pickCounterProgram([a, b], undefined)).toBeNull();
    expect(pickCounterProgram([], "a")).toBeNull();
  });
});

describe("review queue URL → listFilingQueue input", () => {
  it("maps the table's pageSize/cursor/dir and reads date-only bounds as whole Japan-time days", () => {
    const cursor = `b${String(Date.UTC(2026, 10, 20)).padStart(13, "0")}_0b7f7a3e-2f55-4c36-8b7a-3c1c3b8f0a11`;
    const parsed = queueParamsSchema.parse(
      queueInputFromSearchParams(PROGRAM, { status: "submitted", channel: "line", duplicate: "no", from: "2026-11-20", to: "2026-11-21", q: " たかはし ", dir: "desc", cursor, pageSize: "100" }),
    );
    expect(parsed).toMatchObject({ programId: PROGRAM, status: "submitted", channel: "line", duplicate: false, q: "たかはし", dir: "desc", limit: 100 });
    expect(parsed.from?.toISOString()).toBe("2026-11-19T15:00:00.000Z");
    expect(parsed.to?.toISOString()).toBe("2026-11-21T14:59:59.999Z");
    expect(parsed.cursor).toEqual({ submittedAt: new Date(Date.UTC(2026, 10, 20)), id: "0b7f7a3e-2f55-4c36-8b7a-3c1c3b8f0a11", direction: "before" });
  });
  it("drops malformed and empty values instead of failing", () => {
    const parsed = queueParamsSchema.parse(queueInputFromSearchParams(PROGRAM, { status: "bogus", channel: "", dir: "sideways", cursor: "x1795000000000_0b7f7a3e-2f55-4c36-8b7a-3c1c3b8f0a11", pageSize: "7" }));
    expect(parsed).toMatchObject({ status: undefined, channel: undefined, dir: "asc", cursor: undefined, limit: 50 });
  });
});

describe("the review queue's default and its filters carried into a filing", () => {
  it("opens on 審査待ち; 「すべて」 is an explicit value", async () => {
    const { ALL_STATUSES, queueFilterQuery, openedFromQueue } = await import("@/components/filings/queue-params");
    expect(queueInputFromSearchParams(PROGRAM, {}).status).toBe("submitted");
    expect(queueInputFromSearchParams(PROGRAM, { status: ALL_STATUSES }).status).toBeUndefined();
    expect(queueInputFromSearchParams(PROGRAM, { status: "returned" }).status).toBe("returned");
    expect(queueFilterQuery({})).toBe("?status=submitted");
    expect(queueFilterQuery({ q: "たかはし", channel: "line", cursor: "a1", pageSize: "100" })).toBe("?q=%E3%81%9F%E3%81%8B%E3%81%AF%E3%81%97&channel=line&status=submitted");
    expect(openedFromQueue({})).toBe(false);
    expect(openedFromQueue({ status: "submitted" })).toBe(true);
  });
});
