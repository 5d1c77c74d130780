/** JSON for LIFF endpoints: personal data is never cached, and bodies this small are not worth compressing. */
export function residentJson(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("cache-control", "private, no-store, no-transform");
  return Response.json(body, { ...init, headers });
}
