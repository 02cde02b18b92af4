import { hash, verify } from '@node-rs/argon2';

/** Shortest password `user:add` and the admin API accept. */
export const MIN_PASSWORD_LENGTH = 10;
/** Longest accepted: argon2 takes any length, but a megabyte "password" is a denial-of-service attempt. */
export const MAX_PASSWORD_LENGTH = 256;

/**
 * argon2id with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane): ≈ 20–40 ms per hash here,
 * slow enough to make an offline guess expensive, fast enough for logins.
 */
const PARAMS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** A PHC string (`$argon2id$v=19$m=…`) with its own random salt. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMS);
}

/** A hash of nothing anyone knows: verified against when the username is unknown, so both cases take as long. */
let decoy: Promise<string> | null = null;

/** True when `password` matches the stored hash. With no hash (unknown user) it still spends the time and says false. */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  if (!storedHash) {
    decoy ??= hashPassword(`decoy-${Math.random()}`);
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `a password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `a password has at most ${MAX_PASSWORD_LENGTH} characters`;
  return null;
}
