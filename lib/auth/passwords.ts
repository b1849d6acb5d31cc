import { hash, verify } from "@node-rs/argon2";

// argon2id with the library's defaults (OWASP's recommended memory and time costs).
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verifying against this when the email is unknown makes both answers take as long,
// so sign-in timing does not reveal which emails have accounts.
const DECOY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$A61VgS34iPlmJJceWwm1cA$vV+Am4ecp9h3qwGxI3DuYqaOtxODrBbCJT6BgsJao3Y";

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash ?? DECOY_HASH, password);
  } catch {
    return false;
  }
}
