import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * The keys that protect second factors at rest, derived from one configured secret:
 * one seals TOTP secrets (they must be read back to check a code, so they are
 * encrypted, not hashed), one keys the digests of recovery codes (so a copy of the
 * database alone cannot test guesses offline).
 */
export interface MfaKeys {
  seal(plaintext: string): string;
  open(sealed: string): string;
  digest(value: string): string;
}

const sealVersion = 'v1';

function derive(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'watchfloor-mfa', purpose, 32));
}

/**
 * Keys for a tool that has no secret (the command line where the server's DATA_DIR is
 * not at hand): anything that needs one says so, instead of inventing a different key.
 */
const missingKeys: MfaKeys = {
  seal: missingKey,
  open: missingKey,
  digest: missingKey,
};
function missingKey(): never {
  throw new Error(
    'No MFA key here: set MFA_ENCRYPTION_KEY or SESSION_SECRET as the server has it, or use its DATA_DIR',
  );
}

export function createMfaKeys(secret: string | undefined): MfaKeys {
  if (secret === undefined) return missingKeys;
  const sealKey = derive(secret, 'totp-secret-seal');
  const digestKey = derive(secret, 'recovery-code-digest');
  return {
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', sealKey, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      const parts = [iv, tag, body].map((part) => part.toString('base64url'));
      return [sealVersion, ...parts].join('.');
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== sealVersion || !iv || !tag || !body) {
        throw new Error('Not a sealed MFA secret');
      }
      const decipher = createDecipheriv('aes-256-gcm', sealKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const plain = Buffer.concat([
        decipher.update(Buffer.from(body, 'base64url')),
        decipher.final(),
      ]);
      return plain.toString('utf8');
    },
    digest(value) {
      return createHmac('sha256', digestKey).update(value).digest('base64url');
    },
  };
}
