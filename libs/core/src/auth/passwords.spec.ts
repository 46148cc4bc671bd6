import { hashPassword, passwordProblems, verifyPassword } from './passwords';

describe('password rules', () => {
  it('accepts a long, uncommon passphrase', () => {
    expect(passwordProblems('correct horse battery staple', 'ann@example.org')).toEqual([]);
  });
  it('refuses short, common and email-like passwords by rule', () => {
    expect(passwordProblems('short').map((p) => p.rule)).toContain('minLength');
    expect(passwordProblems('password1234').map((p) => p.rule)).toContain('notCommon');
    expect(passwordProblems('jonathan-smith-2026!', 'jonathan@example.org').map((p) => p.rule)).toEqual(['notEmail']);
  });
  it('hashes with argon2id and verifies', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    await expect(verifyPassword(hash, 'correct horse battery staple')).resolves.toBe(true);
    await expect(verifyPassword(hash, 'wrong')).resolves.toBe(false);
  });
});
