import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  interface User {
    role?: "admin" | "user";
  }
  interface Session {
    user: { id: string; role: "admin" | "user" } & DefaultSession["user"];
    /** The server-side session row this cookie stands for. */
    sid?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: "admin" | "user";
    sid?: string;
  }
}
