/**
 * One cookie's value from a request's Cookie header (RFC 6265: `name=value` pairs split by "; "), the first when
 * sent twice; null when absent. Percent-encoded values are decoded as Next's own cookie parser does.
 */
export function cookieValue(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const pair of header.split(";")) {
    const separator = pair.indexOf("=");
    if (separator === -1 || pair.slice(0, separator).trim() !== name) continue;
    const raw = pair.slice(separator + 1).trim().replace(/^"(.*)"$/u, "$1");
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return null;
}
