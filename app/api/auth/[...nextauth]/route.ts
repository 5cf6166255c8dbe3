import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth";
import { crossOriginRefused, isSameOrigin } from "@/lib/origin";

const handler = NextAuth(authOptions);

/** Sign-in and sign-out posts from another site are refused before next-auth's own CSRF check. */
function POST(request: Request, context: unknown) {
  if (!isSameOrigin(request)) return crossOriginRefused();
  return handler(request, context);
}

export { handler as GET, POST };
