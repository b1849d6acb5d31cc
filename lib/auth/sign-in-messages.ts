const MESSAGES: Record<string, string> = {
  sso_no_email:
    "Your identity provider did not share an email address. Ask your admin to allow the email scope.",
  sso_unverified_email:
    "An account with this email already exists. Sign in with your password, then link this provider on your account page.",
  sso_not_invited: "This studio is invite-only. Ask an admin for an invitation link.",
  sso_invitation: "This invitation can no longer be used. Ask an admin for a new one.",
  sso_setup_code:
    "This studio has no admin yet. Create the admin account on the sign-up page with the setup code.",
  sso_closed: "Sign-up is closed on this studio. Ask an admin to create an account for you.",
  sso_disabled: "This account is disabled. Ask an admin to enable it.",
  sso_linked_elsewhere: "That identity is already linked to another account.",
  ended: "Your session has ended. Sign in again.",
  password_changed: "Your password was changed. Sign in with the new one.",
};

/** The words for `?error=` on the sign-in page; anything unknown (Auth.js's own codes) gets a general line. */
export function signInMessage(code: string | undefined): string | null {
  if (!code) return null;
  return MESSAGES[code] ?? "Sign-in did not complete. Try again, or ask your admin if it keeps failing.";
}
