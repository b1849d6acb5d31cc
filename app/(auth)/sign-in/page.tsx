import type { Metadata } from "next";
import { AuthForm } from "@/components/auth/auth-form";
import { safeCallbackPath } from "@/lib/auth/credentials";
import { signInAction } from "../actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string }>;
}) {
  const { callbackUrl } = await searchParams;
  const target = safeCallbackPath(callbackUrl ? new URL(callbackUrl, "http://x").pathname : undefined);
  return <AuthForm mode="sign-in" action={signInAction} callbackUrl={target} />;
}
