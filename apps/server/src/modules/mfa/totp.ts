import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

/** RFC 6238 defaults every authenticator app understands: SHA-1, 6 digits, 30 s. */
const periodSeconds = 30;
/**
 * One step either side: a code typed as it rolls over, or a phone clock up to ~30 s
 * off. Wider windows give a guesser more valid codes per try.
 */
const toleranceSeconds = periodSeconds;

export interface TotpEnrolment {
  secret: string;
  otpauthUrl: string;
  /** The QR code of `otpauthUrl`, drawn here: the secret never goes to a third party. */
  qrSvg: string;
}

export async function newTotpEnrolment(options: {
  issuer: string;
  label: string;
}): Promise<TotpEnrolment> {
  const secret = generateSecret();
  const otpauthUrl = generateURI({ issuer: options.issuer, label: options.label, secret });
  const qrSvg = await QRCode.toString(otpauthUrl, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
  });
  return { secret, otpauthUrl, qrSvg };
}

/**
 * The time step `code` belongs to, or null when it matches none near now, or only a
 * step at or before `afterStep` (the last one accepted: a replay).
 */
export async function matchTotp(
  secret: string,
  code: string,
  afterStep?: number,
): Promise<number | null> {
  const result = await verify({
    secret,
    token: code,
    epochTolerance: toleranceSeconds,
    ...(afterStep === undefined ? {} : { afterTimeStep: afterStep }),
  });
  // The TOTP strategy's result carries the step; the type also covers HOTP's.
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}
