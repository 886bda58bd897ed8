import { describe, expect, it } from 'vitest';
import { checkNewPassword, isPasswordExpired, nextPasswordHistory } from './password-policy.ts';

describe('checkNewPassword', () => {
  it('refuses passwords shorter than the policy, and never allows fewer than 8 characters', async () => {
    expect(await checkNewPassword('a1!b2?x9k', 'dana')).toEqual([
      { path: 'password', message: 'Use at least 12 characters' },
    ]);
    const lax = { minLength: 4, maxAgeDays: null, historySize: 0 };
    expect(await checkNewPassword('a1!b2?x', 'dana', lax)).toEqual([
      { path: 'password', message: 'Use at least 8 characters' },
    ]);
  });

  it('counts characters as people do, not UTF-16 units', async () => {
    // Six emoji are twelve UTF-16 units but six characters.
    expect((await checkNewPassword('🚓🚓🚓🚓🚓🚓', 'dana'))[0]?.message).toBe(
      'Use at least 12 characters',
    );
  });

  it('names a password found in breach lists as such', async () => {
    expect((await checkNewPassword('1q2w3e4r5t6y', 'dana'))[0]?.message).toMatch(/breached/);
  });

  it.each(['password1234', 'qwertyuiopas', 'dana12345678', 'Watchfloor12'])(
    'refuses the common or guessable %s',
    async (password) => {
      const problems = await checkNewPassword(password, 'dana');
      expect(problems[0]?.message).toMatch(/too common or easy to guess|breached/);
    },
  );

  it('accepts a passphrase without composition rules', async () => {
    expect(await checkNewPassword('violet harbor lantern sketch', 'dana')).toEqual([]);
  });
});

describe('password expiry and history', () => {
  const cjis = { minLength: 12, maxAgeDays: 90, historySize: 2 };
  it('expires only when the policy sets an age', () => {
    const changed = new Date('2026-01-01T00:00:00Z');
    expect(isPasswordExpired(changed, cjis, new Date('2026-03-31T00:00:00Z'))).toBe(false);
    expect(isPasswordExpired(changed, cjis, new Date('2026-04-02T00:00:00Z'))).toBe(true);
    expect(
      isPasswordExpired(changed, { ...cjis, maxAgeDays: null }, new Date('2030-01-01T00:00:00Z')),
    ).toBe(false);
  });
  it('keeps the newest hashes, at most the policy’s number', () => {
    expect(nextPasswordHistory('c', ['b', 'a'], cjis)).toEqual(['c', 'b']);
    expect(nextPasswordHistory('c', ['b', 'a'], { ...cjis, historySize: 0 })).toEqual([]);
  });
});
