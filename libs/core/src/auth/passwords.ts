import * as argon2 from 'argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { ErrorDetail } from '../errors/domain-error';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

let commonPasswords: Set<string> | undefined;
function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  return commonPasswords.has(password.toLowerCase());
}

/** NCSC / NIST 800-63B style: long enough, not on a breached-common list, not the email. Returns the problems. */
export function passwordProblems(password: string, email?: string, field = 'password'): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) {
    problems.push({ field, rule: 'minLength', message: `${field} must be at least ${PASSWORD_MIN_LENGTH} characters (three random words work well)` });
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    problems.push({ field, rule: 'maxLength', message: `${field} must be at most ${PASSWORD_MAX_LENGTH} characters` });
  }
  if (isCommonPassword(password)) {
    problems.push({ field, rule: 'notCommon', message: `${field} is on a list of commonly used, breached passwords` });
  }
  if (email && password.toLowerCase().includes(email.split('@')[0].toLowerCase()) && email.split('@')[0].length >= 4) {
    problems.push({ field, rule: 'notEmail', message: `${field} must not contain your email address` });
  }
  return problems;
}

const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let decoyHash: Promise<string> | undefined;
/** Spends the same time as a real check, so an unknown email cannot be told from a wrong password. */
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoyHash ??= hashPassword('decoy password that nobody has');
  await verifyPassword(await decoyHash, password);
  return false;
}
