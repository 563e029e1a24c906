/**
 * Passwords: argon2id with modest parameters (19 MiB, t = 2, p = 1 — OWASP's minimum
 * recommendation), hashed once per login. Outside demo mode a policy applies.
 */
import { hash, verify } from '@node-rs/argon2';

// algorithm 2 = Argon2id (the package's const enum cannot be imported under verbatimModuleSyntax)
const params = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, params);
}

/** A valid hash of a random value: verifying against it costs what a real check costs, so a
 * missing user and a wrong password take the same time. */
let decoy: Promise<string> | undefined;

export async function verifyPassword(options: { hash: string | null | undefined; password: string }): Promise<boolean> {
  const target = options.hash ?? (await (decoy ??= hash(`decoy-${Math.random()}`, params)));
  try {
    return (await verify(target, options.password)) && Boolean(options.hash);
  } catch {
    return false;
  }
}

/** At least 12 characters with letters and digits, not the username. */
export function meetsPasswordPolicy(options: { password: string; username: string }): boolean {
  const p = options.password;
  return p.length >= 12 && p.length <= 256 && /[A-Za-z]/.test(p) && /\d/.test(p) && !p.toLowerCase().includes(options.username.toLowerCase());
}
