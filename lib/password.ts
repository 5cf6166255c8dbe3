import { hash, verify } from "@node-rs/argon2";

const ARGON2ID = 2;
const options = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/** Spends the time of a real verification, so an unknown account answers as slowly as a known one. */
export async function burnVerification(password: string): Promise<void> {
  dummy ??= hashPassword("hadina-timing-equaliser");
  await verifyPassword(await dummy, password);
}
