import "server-only";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db";
import { getUserByEmail } from "@/db/queries/users";
import { authConfig } from "./config";
import { signInSchema } from "./credentials";
import { verifyPassword } from "./passwords";
import { resolveAuthSecret } from "./secret";

// Lazy, so that `next build` neither reads nor writes the secret.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  ...authConfig,
  secret: resolveAuthSecret(),
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        const user = await getUserByEmail(await getDb(), parsed.data.email);
        const valid = await verifyPassword(user?.passwordHash ?? null, parsed.data.password);
        if (!user || !valid) return null;
        return { id: user.id, email: user.email, name: user.name, role: user.role };
      },
    }),
  ],
}));
