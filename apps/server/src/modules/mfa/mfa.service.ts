import type { MfaMethod, MfaStatus } from '@watchfloor/contracts';
import type { Database } from '../../db/client.ts';
import type { MfaKeys } from './mfa-keys.ts';
import type { EnrolledFactors, MfaRepo } from './mfa.repo.ts';
import { canonicalRecoveryCode, newRecoveryCodes } from './recovery-codes.ts';
import { matchTotp, newTotpEnrolment, type TotpEnrolment } from './totp.ts';
import {
  authenticationOptions,
  registrationOptions,
  verifyAssertion,
  verifyRegistration,
  type RelyingParty,
} from './webauthn.ts';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';

/** What a person sends to prove the second factor. */
export type SecondFactorAnswer =
  { code: string } | { webauthn: AuthenticationResponseJSON; challenge: string; rp: RelyingParty };

/** What a person must do after the password: prove a factor, or enrol one first. */
export interface SecondFactorChallenge {
  methods: MfaMethod[];
  enrollmentRequired: boolean;
}

/** Which factor proved the person, and, for a recovery code, how many are left. */
export interface SecondFactorProof {
  method: MfaMethod;
  recoveryCodesLeft?: number;
}

/** The factors a person without any may enrol (the page offers WebAuthn where the browser can). */
const enrollableMethods: MfaMethod[] = ['totp', 'webauthn'];

function methodsOf(factors: EnrolledFactors): MfaMethod[] {
  const methods: MfaMethod[] = [];
  if (factors.totp) methods.push('totp');
  if (factors.webauthnCredentials > 0) methods.push('webauthn');
  if (factors.recoveryCodesLeft > 0) methods.push('recovery_code');
  return methods;
}

const totpCodePattern = /^\d{6}$/;

/**
 * Second factors: what a person has, checking a code, enrolling TOTP. Sign-in decides
 * what a result means (lockout, audit, session); this module only knows the factors.
 */
export function createMfaService(deps: {
  mfaRepo: MfaRepo;
  keys: MfaKeys;
  /** Every person must have a second factor (MFA_REQUIRED). */
  required: boolean;
  /** Shown in authenticator apps beside the username. */
  issuer: string;
}) {
  const { mfaRepo, keys, required, issuer } = deps;

  /** Ten new recovery codes for the person, replacing any old ones; in clear only here. */
  async function issueRecoveryCodes(userId: string, tx: Database): Promise<string[]> {
    const recoveryCodes = newRecoveryCodes();
    await mfaRepo.replaceRecoveryCodes(
      userId,
      recoveryCodes.map((recoveryCode) => keys.digest(canonicalRecoveryCode(recoveryCode)!)),
      tx,
    );
    return recoveryCodes;
  }

  return {
    required,

    /**
     * Null when the password alone signs this person in: they enrolled nothing and the
     * deployment does not require a second factor. Anyone who enrolled is always asked.
     */
    async challengeFor(userId: string, tx?: Database): Promise<SecondFactorChallenge | null> {
      const methods = methodsOf(await mfaRepo.enrolledFactors(userId, tx));
      if (methods.length > 0) return { methods, enrollmentRequired: false };
      return required ? { methods: enrollableMethods, enrollmentRequired: true } : null;
    },

    async status(userId: string): Promise<MfaStatus> {
      return { required, ...(await mfaRepo.enrolledFactors(userId)) };
    },

    /** A new secret for `username`, sealed for keeping in the session until confirmed. */
    async startTotpEnrolment(username: string): Promise<TotpEnrolment & { sealed: string }> {
      const enrolment = await newTotpEnrolment({ issuer, label: username });
      return { ...enrolment, sealed: keys.seal(enrolment.secret) };
    },

    /**
     * Stores the secret once a code from it proves the app has it, with ten new
     * recovery codes (returned in clear, this once). Null when the code does not match.
     */
    /** Options for the browser to create a passkey, excluding the person's existing ones. */
    async webauthnRegistrationOptions(rp: RelyingParty, user: { id: string; username: string }) {
      return registrationOptions(rp, user, await mfaRepo.listWebauthn(user.id));
    },

    /**
     * Stores a passkey whose registration answers `challenge`. Recovery codes come with
     * the first factor only (returned in clear, this once); a person who has some keeps
     * them. Null when the answer does not verify.
     */
    async registerWebauthn(
      userId: string,
      rp: RelyingParty,
      challenge: string,
      response: RegistrationResponseJSON,
      name: string,
      tx: Database,
    ): Promise<string[] | null> {
      const credential = await verifyRegistration(rp, challenge, response);
      if (!credential) return null;
      const before = await mfaRepo.enrolledFactors(userId, tx);
      await mfaRepo.saveWebauthn({ ...credential, userId, name }, tx);
      return before.recoveryCodesLeft > 0 ? [] : issueRecoveryCodes(userId, tx);
    },

    /** Options for the browser to sign in with one of the person's passkeys. */
    async webauthnAuthenticationOptions(rp: RelyingParty, userId: string) {
      return authenticationOptions(rp, await mfaRepo.listWebauthn(userId));
    },

    async confirmTotpEnrolment(
      userId: string,
      sealed: string,
      code: string,
      tx: Database,
    ): Promise<string[] | null> {
      if (!totpCodePattern.test(code)) return null;
      const step = await matchTotp(keys.open(sealed), code);
      if (step === null) return null;
      await mfaRepo.saveTotp(userId, sealed, step, tx);
      return issueRecoveryCodes(userId, tx);
    },

    /**
     * Checks an answer: a passkey's assertion of the session's challenge, six digits
     * against the authenticator app (each time step once: a replayed or older code
     * fails), anything else as a recovery code (each once). Null when it proves nothing.
     */
    async prove(
      userId: string,
      answer: SecondFactorAnswer,
      tx: Database,
    ): Promise<SecondFactorProof | null> {
      if ('webauthn' in answer) {
        const credential = await mfaRepo.lockWebauthn(userId, answer.webauthn.id, tx);
        if (!credential) return null;
        const signCount = await verifyAssertion(
          answer.rp,
          answer.challenge,
          answer.webauthn,
          credential,
        );
        if (signCount === null) return null;
        await mfaRepo.recordWebauthnUse(credential.id, signCount, tx);
        return { method: 'webauthn' };
      }
      const { code } = answer;
      if (totpCodePattern.test(code)) {
        const totp = await mfaRepo.findTotp(userId, tx);
        if (!totp) return null;
        const step = await matchTotp(keys.open(totp.sealedSecret), code, totp.lastUsedStep);
        if (step === null || !(await mfaRepo.advanceTotpStep(userId, step, tx))) return null;
        return { method: 'totp' };
      }
      const recoveryCode = canonicalRecoveryCode(code);
      if (!recoveryCode) return null;
      if (!(await mfaRepo.useRecoveryCode(userId, keys.digest(recoveryCode), tx))) return null;
      const { recoveryCodesLeft } = await mfaRepo.enrolledFactors(userId, tx);
      return { method: 'recovery_code', recoveryCodesLeft };
    },

    /** Removes every factor; the person enrols again at their next sign-in. */
    enrolledFactorsOfAll() {
      return mfaRepo.enrolledFactorsOfAll();
    },

    removeAll(userId: string, tx: Database): Promise<EnrolledFactors> {
      return mfaRepo.removeAll(userId, tx);
    },
  };
}

export type MfaService = ReturnType<typeof createMfaService>;
