import { hash, verify } from "@node-rs/argon2";

// argon2id (algorithm 2) with the library's recommended memory and time costs.
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  // Without a stored hash, verify against a dummy so the response time does not reveal which
  // accounts exist.
  const target = passwordHash ?? DUMMY_HASH;
  try {
    const ok = await verify(target, password);
    return ok && passwordHash !== null;
  } catch {
    return false;
  }
}

const DUMMY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$O8tjozA3BsoGwiGrBkig0w$2t7Nj1bCLwkxyNGXckJw/EY3Ey0ootazbvA/3ON82V4";
