import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/options";
import { unreadableAuthBody } from "@/lib/auth/request-body";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

// Options are built per request so a configuration error surfaces as a clear failure, not at import.
async function handler(request: Request, context: RouteContext) {
  const refused = await unreadableAuthBody(request);
  if (refused) return refused;
  return NextAuth(getAuthOptions())(request, { params: await context.params });
}

export { handler as GET, handler as POST };
