import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';

const hmac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest();

/** Printable ASCII only: PostgreSQL's SASLprep leaves it unchanged, so no normalisation can differ. */
export const scramPasswordPattern = /^[\x20-\x7e]+$/;

/**
 * A SCRAM-SHA-256 verifier (RFC 5802, 7677), computed here as psql's
 * `\password` does, so the password itself is never sent in a statement
 * that `log_statement` or `pg_stat_statements` could record.
 */
export function scramVerifier(
  password: string,
  { salt = randomBytes(16), iterations = 4096 }: { salt?: Buffer; iterations?: number } = {},
): string {
  if (!scramPasswordPattern.test(password)) {
    throw new Error('Database passwords must be printable ASCII characters');
  }
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const storedKey = createHash('sha256').update(hmac(salted, 'Client Key')).digest();
  const serverKey = hmac(salted, 'Server Key');
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}
