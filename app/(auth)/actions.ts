"use server";

import { headers } from "next/headers";
import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { getDb } from "@/db";
import { EmailTakenError } from "@/db/queries/users";
import { signIn } from "@/lib/auth";
import { clientAddress } from "@/lib/auth/client-address";
import { safeCallbackPath, signInSchema, signUpSchema } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/passwords";
import { isSetupCodeValid } from "@/lib/auth/setup-code";
import { createAccount, planSignup, SignupRefusedError } from "@/lib/auth/sign-up";
import { setSsoIntent } from "@/lib/auth/sso-intent";
import { enabledSsoProviders, ssoStartSchema } from "@/lib/auth/sso-providers";
import { recordAuthFailure, throttledUntil, throttleMessage } from "@/lib/auth/throttle";
import { env } from "@/lib/config/env";
import { fieldErrors } from "@/lib/http/action";
import { type FormState, formAction } from "@/lib/http/form-action";

const SIGN_UP_REFUSED = "Could not create an account with these details. If you already have one, sign in.";

const typedEmail = (formData: FormData) => String(formData.get("email") ?? "").slice(0, 254);

async function requestAddress(): Promise<string> {
  return clientAddress(await headers());
}

async function waitMessage(email: string | null): Promise<string> {
  const until = await throttledUntil(await getDb(), { email, address: await requestAddress() });
  return until ? throttleMessage(until) : "Too many attempts. Try again in a minute.";
}

async function signInAndRedirect(email: string, password: string, callback: unknown): Promise<FormState> {
  try {
    // Throws NEXT_REDIRECT on success; that must propagate, so only AuthError is caught.
    await signIn("credentials", { email, password, redirectTo: safeCallbackPath(callback) });
    return {};
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code === "throttled") {
      return { error: await waitMessage(email), email };
    }
    if (error instanceof AuthError) return { error: "Email or password is incorrect.", email };
    throw error;
  }
}

export const signInAction = formAction(
  "sign in",
  signInSchema.extend({ callbackUrl: z.string().max(2000).optional() }),
  async ({ email, password, callbackUrl }) => {
    if (!env().AUTH_PASSWORD_LOGIN) return { error: "Sign in with single sign-on.", email };
    return signInAndRedirect(email, password, callbackUrl);
  },
  (_error, formData) => ({ error: "Email or password is incorrect.", email: typedEmail(formData) }),
);

export const signUpAction = formAction(
  "sign up",
  signUpSchema,
  async (input) => {
    const email = input.email;
    if (!env().AUTH_PASSWORD_LOGIN) return { error: "Accounts here are made through single sign-on.", email };
    const db = await getDb();
    const address = await requestAddress();
    const subject = { email, address };
    if (await throttledUntil(db, subject)) return { error: await waitMessage(email), email };
    const request = {
      email,
      name: input.name,
      passwordHash: null,
      invitationToken: input.invitation ?? null,
      setupCodeGiven: isSetupCodeValid(input.setupCode),
      address,
    };
    try {
      const plan = await planSignup(db, request);
      await createAccount(db, { ...request, passwordHash: await hashPassword(input.password) }, plan);
    } catch (error) {
      if (error instanceof SignupRefusedError) {
        await recordAuthFailure(db, subject);
        return error.code === "setup_code"
          ? { fields: { setupCode: error.message }, email }
          : { error: error.message, email };
      }
      if (error instanceof EmailTakenError) {
        // Counted like a wrong password, and worded so that it does not confirm the account exists.
        await recordAuthFailure(db, subject);
        return { error: SIGN_UP_REFUSED, email };
      }
      throw error;
    }
    return signInAndRedirect(email, input.password, "/");
  },
  (error, formData) => ({ fields: fieldErrors(error), email: typedEmail(formData) }),
);

/**
 * Leaves for the identity provider, remembering what the person came to do (redeem an invitation,
 * make the first admin with the setup code) in a short-lived signed cookie.
 */
export const startSsoAction = formAction("start single sign-on", ssoStartSchema, async (input) => {
  const { provider, invitation, setupCode } = input;
  if (!enabledSsoProviders().some((enabled) => enabled.id === provider)) {
    return { error: "That sign-in method is not available." };
  }
  if (setupCode !== undefined && !isSetupCodeValid(setupCode)) {
    await recordAuthFailure(await getDb(), { address: await requestAddress() });
    return { fields: { setupCode: "That setup code is not right. Copy it from the server's log." } };
  }
  if (invitation) await setSsoIntent({ kind: "invite", token: invitation });
  else if (setupCode !== undefined) await setSsoIntent({ kind: "setup" });
  await signIn(provider, { redirectTo: "/" });
  return {};
});
