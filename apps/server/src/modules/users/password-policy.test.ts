import { describe, expect, it } from 'vitest';
import { checkNewPassword } from './password-policy.ts';

describe('checkNewPassword', () => {
  it('refuses short passwords', async () => {
    expect(await checkNewPassword('a1!b2?', 'dana')).toEqual([
      { path: 'password', message: 'Use at least 8 characters' },
    ]);
  });

  it.each(['password123', 'qwertyuiop', 'dana12345', 'Watchfloor1'])(
    'refuses the common or guessable %s',
    async (password) => {
      const problems = await checkNewPassword(password, 'dana');
      expect(problems[0]?.message).toMatch(/too common or easy to guess/);
    },
  );

  it('accepts a passphrase without composition rules', async () => {
    expect(await checkNewPassword('violet harbor lantern sketch', 'dana')).toEqual([]);
  });
});
