/**
 * next-auth parses a JSON or form body itself and answers 500 when it cannot: a body it would fail on is refused
 * here with a 400 and a Japanese message instead. Returns null when the request may go on to next-auth.
 */
export async function unreadableAuthBody(request: Request): Promise<Response | null> {
  if (request.method !== "POST") return null;
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.includes("application/json")) return null;
  const text = await request.clone().text();
  try {
    const body: unknown = JSON.parse(text);
    if (body !== null && typeof body === "object" && !Array.isArray(body)) return null;
  } catch {
    // fall through to the refusal
  }
  return Response.json({ error: "リクエストの形式が正しくありません（JSON として読めません）" }, { status: 400 });
}
