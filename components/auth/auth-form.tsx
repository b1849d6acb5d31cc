"use client";

import Link from "next/link";
import { type InputHTMLAttributes, useActionState } from "react";
import type { AuthFormState } from "@/app/(auth)/actions";

interface AuthFormProps {
  mode: "sign-in" | "sign-up";
  action: (state: AuthFormState, formData: FormData) => Promise<AuthFormState>;
  callbackUrl?: string;
}

const inputClass =
  "mt-1 block w-full rounded-lg border border-zinc-300 px-3 py-2 text-sm shadow-sm focus:border-violet-600";

function Field({
  label,
  error,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: string; name: string; error?: string }) {
  const errorId = `${input.name}-error`;
  return (
    <div>
      <label className="block text-sm font-medium">
        {label}
        <input
          required
          aria-invalid={Boolean(error)}
          aria-describedby={error ? errorId : undefined}
          className={inputClass}
          {...input}
        />
      </label>
      {error && (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

export function AuthForm({ mode, action, callbackUrl }: AuthFormProps) {
  const [state, formAction, pending] = useActionState(action, {});
  const signUp = mode === "sign-up";
  return (
    <form action={formAction} className="space-y-4" noValidate={false}>
      <h1 className="text-xl font-semibold">{signUp ? "Create your account" : "Sign in"}</h1>
      {state.error && (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.error}
        </p>
      )}
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      {signUp && (
        <label className="block text-sm font-medium">
          Name <span className="font-normal text-zinc-500">(optional)</span>
          <input name="name" autoComplete="name" maxLength={80} className={inputClass} />
        </label>
      )}
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        defaultValue={state.email}
        error={state.fields?.email}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        minLength={signUp ? 8 : undefined}
        autoComplete={signUp ? "new-password" : "current-password"}
        error={state.fields?.password}
      />
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-lg bg-violet-700 px-4 py-2 text-sm font-medium text-white hover:bg-violet-800 disabled:bg-violet-300"
      >
        {pending ? "Please wait…" : signUp ? "Create account" : "Sign in"}
      </button>
      <p className="text-center text-sm text-zinc-600">
        {signUp ? (
          <>
            Already have an account?{" "}
            <Link href="/sign-in" className="font-medium text-violet-700 underline">
              Sign in
            </Link>
          </>
        ) : (
          <>
            New here?{" "}
            <Link href="/sign-up" className="font-medium text-violet-700 underline">
              Create an account
            </Link>
          </>
        )}
      </p>
    </form>
  );
}
