import { eq, inArray } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { residents } from "@/db/schema/residents";
import { topicSubscriptions, type Topic } from "@/db/schema/segments";
import { createDepartment } from "@/lib/testing/factories";
import { listAudience } from "./audience";
import { createFollowers, createTopicRow } from "./testing";

const RESIDENTS = 8;
let topicRows: Topic[];
let residentIds: string[];

beforeAll(async () => {
  const department = await createDepartment();
  topicRows = [
    await createTopicRow(department.id, { defaultOn: false }),
    await createTopicRow(department.id, { defaultOn: true }),
    await createTopicRow(department.id, { defaultOn: false }),
    await createTopicRow(department.id, { defaultOn: true, active: false }),
  ];
  residentIds = (await createFollowers(RESIDENTS)).map((r) => r.id);
});

// Per resident: following/blocked and, per topic, no choice (null) or an own choice.
const residentState = fc.record({
  state: fc.constantFrom("following", "blocked", "never"),
  choices: fc.array(fc.option(fc.boolean(), { nil: null }), { minLength: 4, maxLength: 4 }),
});

describe("topic selection → recipients", () => {
  it("is exactly the following, unblocked residents with any chosen active topic on (own choice, else default), each once", async () => {
    const db = await getDb();
    await fc.assert(
      fc.asyncProperty(
        fc.array(residentState, { minLength: RESIDENTS, maxLength: RESIDENTS }),
        fc.subarray([0, 1, 2, 3], { minLength: 1 }),
        async (states, chosen) => {
          await db.delete(topicSubscriptions).where(inArray(topicSubscriptions.residentId, residentIds));
          for (const [i, s] of states.entries()) {
            await db
              .update(residents)
              .set({ following: s.state === "following", blockedAt: s.state === "blocked" ? new Date() : null })
              .where(eq(residents.id, residentIds[i]!));
            const own = s.choices.flatMap((subscribed, t) => (subscribed === null ? [] : [{ residentId: residentIds[i]!, topicId: topicRows[t]!.id, subscribed }]));
            if (own.length > 0) await db.insert(topicSubscriptions).values(own);
          }
          const expected = residentIds.filter((_, i) => {
            const s = states[i]!;
            if (s.state !== "following") return false;
            return chosen.some((t) => topicRows[t]!.active && (s.choices[t] ?? topicRows[t]!.defaultOn));
          });
          const actual = (await listAudience(db, { topicIds: chosen.map((t) => topicRows[t]!.id), emergency: false, filters: {} }))
            .map((r) => r.residentId)
            .filter((id) => residentIds.includes(id));
          expect(new Set(actual).size).toBe(actual.length);
          expect([...actual].sort()).toEqual([...expected].sort());
          // Emergency: every following, unblocked resident regardless of topics.
          const everyone = (await listAudience(db, { topicIds: [], emergency: true, filters: {} })).map((r) => r.residentId).filter((id) => residentIds.includes(id));
          expect(everyone.sort()).toEqual(residentIds.filter((_, i) => states[i]!.state === "following").sort());
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});
