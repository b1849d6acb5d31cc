"use client";

/** A 401 from our own API: the session was ended on the server (signed out, disabled, deleted). */
export class SessionEndedError extends Error {
  readonly status = 401;

  constructor() {
    super("Your session has ended. Sign in again.");
    this.name = "SessionEndedError";
  }
}

/** Leaves for the sign-in page, which says why and brings the person back here afterwards. */
export function goToSignIn(): void {
  const back = `${window.location.pathname}${window.location.search}`;
  window.location.assign(`/sign-in?error=ended&callbackUrl=${encodeURIComponent(back)}`);
}
