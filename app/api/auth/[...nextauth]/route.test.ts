import { describe, expect, it } from "vitest";
import { POST } from "./route";

const context = { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) };

describe("POST /api/auth/callback/credentials with a body next-auth cannot read", () => {
  it.each(['{"a":', "[1,2]", "null", "\u0000"])("answers 400 with a Japanese message for %j", async (body) => {
    const response = await POST(new Request("http://localhost/api/auth/callback/credentials", { method: "POST", headers: { "content-type": "application/json" }, body }), context);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: expect.stringMatching(/リクエストの形式/) });
  });
});
