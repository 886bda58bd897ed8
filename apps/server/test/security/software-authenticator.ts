import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { encode as encodeCbor } from 'cborg';

/**
 * A WebAuthn authenticator in software (ES256, "none" attestation), built from the
 * specification's byte layouts, so the server's verification is tested against real
 * signatures without a browser. What the browser would add (clientDataJSON with the
 * page's origin) is made here too, so a test can also play a phishing page.
 */
export interface SoftwareAuthenticator {
  credentialId: string;
  /** Registration: the answer to `navigator.credentials.create()` for these options. */
  register(options: { challenge: string; rp: { id?: string } }, origin: string): object;
  /** Sign-in: the answer to `navigator.credentials.get()` for these options. */
  assert(options: { challenge: string; rpId?: string }, origin: string): object;
  /** Sets the signature counter, to play a cloned key that reports an old one. */
  setCounter(value: number): void;
}

// Plain, definite-length CBOR, as authenticators write it (a Map stays a map of int keys).
const encode = (value: unknown) => encodeCbor(value);
const b64url = (bytes: Uint8Array | Buffer) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();

function clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string, origin: string) {
  return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
}

/** The credential public key as COSE (EC2, P-256, ES256). */
function coseKey(publicKey: KeyObject): Buffer {
  const jwk = publicKey.export({ format: 'jwk' });
  const x = Buffer.from(jwk.x!, 'base64url');
  const y = Buffer.from(jwk.y!, 'base64url');
  return Buffer.from(
    encode(
      new Map<number, number | Buffer>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, x],
        [-3, y],
      ]),
    ),
  );
}

function counterBytes(counter: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(counter);
  return bytes;
}

export function softwareAuthenticator(): SoftwareAuthenticator {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const credentialIdBytes = randomBytes(16);
  const credentialId = b64url(credentialIdBytes);
  let counter = 0;
  // User present and user verified.
  const presentAndVerified = 0x01 | 0x04;

  return {
    credentialId,
    register(options, origin) {
      const rpId = options.rp.id ?? new URL(origin).hostname;
      const idLength = Buffer.alloc(2);
      idLength.writeUInt16BE(credentialIdBytes.length);
      const authData = Buffer.concat([
        sha256(rpId),
        Buffer.from([presentAndVerified | 0x40]),
        counterBytes(counter),
        Buffer.alloc(16), // AAGUID: none
        idLength,
        credentialIdBytes,
        coseKey(publicKey),
      ]);
      const attestationObject = encode({ fmt: 'none', attStmt: {}, authData });
      return {
        id: credentialId,
        rawId: credentialId,
        type: 'public-key',
        clientExtensionResults: {},
        response: {
          clientDataJSON: b64url(clientData('webauthn.create', options.challenge, origin)),
          attestationObject: b64url(attestationObject),
          transports: ['internal'],
        },
      };
    },
    assert(options, origin) {
      counter += 1;
      const rpId = options.rpId ?? new URL(origin).hostname;
      const authData = Buffer.concat([
        sha256(rpId),
        Buffer.from([presentAndVerified]),
        counterBytes(counter),
      ]);
      const data = clientData('webauthn.get', options.challenge, origin);
      const signature = sign('sha256', Buffer.concat([authData, sha256(data)]), privateKey);
      return {
        id: credentialId,
        rawId: credentialId,
        type: 'public-key',
        clientExtensionResults: {},
        response: {
          clientDataJSON: b64url(data),
          authenticatorData: b64url(authData),
          signature: b64url(signature),
        },
      };
    },
    setCounter(value) {
      counter = value;
    },
  };
}
