import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resetConfigCache } from "@/lib/config/env";
import { uniqueSuffix } from "@/lib/testing/factories";
import { clientAddress } from "./index";

// residentRateLimit reads the request's headers through next/headers; here they are the test's.
let requestHeaders = new Headers();
vi.mock("next/headers", () => ({ headers: async () => requestHeaders, cookies: async () => ({ get: () => undefined }) }));
const { residentRateLimit } = await import("@/lib/residents/current");

const xff = (value: string) => new Headers({ "x-forwarded-for": value });

describe("clientAddress", () => {
  it("takes the entry that many trusted proxies from the right", () => {
    expect(clientAddress(xff("198.51.100.7, 203.0.113.5"), 1)).toBe("203.0.113.5");
    expect(clientAddress(xff("1.1.1.1, 198.51.100.7, 203.0.113.5"), 2)).toBe("198.51.100.7");
    expect(clientAddress(xff(" 203.0.113.5 "), 1)).toBe("203.0.113.5");
  });

  it("does not let a request with fewer entries than proxies, or a directly reached app, choose its key", () => {
    expect(clientAddress(xff("203.0.113.5"), 2)).toBe("unproxied");
    expect(clientAddress(new Headers(), 1)).toBe("unproxied");
    expect(clientAddress(xff("203.0.113.5"), 0)).toBe("direct");
    expect(clientAddress(xff("10.0.0.1"), 0)).toBe("direct");
  });
});

describe("a rotating X-Forwarded-For does not escape the resident rate limit", () => {
  beforeEach(() => resetConfigCache());
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllEnvs();
    resetConfigCache();
  });

  async function rotate(hops: string, header: (i: number) => string) {
    // The clock held a second into the current minute: six hits that straddled a window's end once counted in two.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Math.floor(Date.now() / 60_000) * 60_000 + 1_000);
    vi.stubEnv("TRUSTED_PROXY_HOPS", hops);
    vi.stubEnv("RESIDENT_RATE_LIMIT_PER_MINUTE", "3");
    resetConfigCache();
    const scope = `test-${uniqueSuffix()}`;
    const allowed: boolean[] = [];
    for (let i = 0; i < 6; i++) {
      requestHeaders = xff(header(i));
      allowed.push((await residentRateLimit(scope)).allowed);
    }
    return allowed;
  }

  it("reached directly (0 hops): a client that sends its own header each time is still limited", async () => {
    expect(await rotate("0", (i) => `203.0.113.${i}`)).toEqual([true, true, true, false, false, false]);
  });

  it("behind one proxy: entries the client prepends are ignored, the proxy's entry is the key", async () => {
    expect(await rotate("1", (i) => `10.0.0.${i}, 192.0.2.${i}, 203.0.113.9`)).toEqual([true, true, true, false, false, false]);
  });

  it("behind one proxy, different clients keep their own budgets", async () => {
    expect(await rotate("1", (i) => `203.0.113.${i}`)).toEqual([true, true, true, true, true, true]);
  });
});

describe("old windows are pruned by the worker's job, not on a request's path", () => {
  it("removes windows older than a day and keeps the current ones", async () => {
    const { getDb } = await import("@/db");
    const { rateLimitWindows } = await import("@/db/schema/residents");
    const { inArray } = await import("drizzle-orm");
    const { pruneRateLimitWindows } = await import("./index");
    const db = await getDb();
    const keys = { old: `prune-old-${uniqueSuffix()}`, recent: `prune-recent-${uniqueSuffix()}` };
    await db.insert(rateLimitWindows).values([
      { key: keys.old, windowStart: new Date(Date.now() - 2 * 86_400_000), hits: 5 },
      { key: keys.recent, windowStart: new Date(Date.now() - 60_000), hits: 1 },
    ]);
    expect(await pruneRateLimitWindows(db)).toBeGreaterThanOrEqual(1);
    const left = await db.select({ key: rateLimitWindows.key }).from(rateLimitWindows).where(inArray(rateLimitWindows.key, [keys.old, keys.recent]));
    expect(left).toEqual([{ key: keys.recent }]);
  });
});
