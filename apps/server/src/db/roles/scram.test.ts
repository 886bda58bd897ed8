import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { scramVerifier } from './scram.ts';

const hmac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest();

describe('scramVerifier', () => {
  it('accepts the RFC 7677 exchange for "pencil" and answers its server signature', () => {
    const nonce = 'rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0';
    const salt = 'W22ZaJ0SNY7soEsUEjb6gQ==';
    const authMessage = `n=user,r=rOprNGfwEbeRWgbNEkqO,r=${nonce},s=${salt},i=4096,c=biws,r=${nonce}`;
    const verifier = scramVerifier('pencil', { salt: Buffer.from(salt, 'base64') });
    const [, keys] = verifier.split('$', 3).slice(1);
    const [storedKey, serverKey] = keys!.split(':').map((key) => Buffer.from(key, 'base64'));

    // The server checks the client's proof against StoredKey, and signs with ServerKey.
    const proof = Buffer.from('dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=', 'base64');
    const signature = hmac(storedKey!, authMessage);
    const clientKey = Buffer.from(proof.map((byte, index) => byte ^ signature[index]!));
    expect(createHash('sha256').update(clientKey).digest()).toEqual(storedKey);
    expect(hmac(serverKey!, authMessage).toString('base64')).toBe(
      '6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=',
    );
    expect(verifier).toMatch(/^SCRAM-SHA-256\$4096:W22ZaJ0SNY7soEsUEjb6gQ==\$[^:]+:[^:]+$/);
  });

  it('salts every verifier and refuses what SASLprep could rewrite', () => {
    expect(scramVerifier('same password')).not.toBe(scramVerifier('same password'));
    expect(() => scramVerifier('pässword')).toThrow(/printable ASCII/);
    expect(() => scramVerifier('')).toThrow(/printable ASCII/);
  });
});
