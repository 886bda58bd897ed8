import { describe, expect, it } from 'vitest';
import { accountPolicies, ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has working defaults for the embedded database with demo users', () => {
    const config = loadConfig({}, []);
    expect(config).toMatchObject({
      PORT: 8080,
      DATA_DIR: './data',
      production: false,
      demo: true,
      trustProxy: false,
    });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('reports every bad variable on its own line', () => {
    try {
      loadConfig(
        { PORT: 'eighty', DATABASE_URL: 'mysql://x', TRUST_PROXY: 'maybe?', LOG_LEVEL: 'loud' },
        [],
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems).toHaveLength(4);
      expect(problems).toContain('PORT: must be a number');
      expect(problems).toContain('DATABASE_URL: must be a postgres:// or postgresql:// URL');
      expect(problems.some((line) => line.startsWith('TRUST_PROXY:'))).toBe(true);
      expect(problems.some((line) => line.startsWith('LOG_LEVEL:'))).toBe(true);
    }
  });

  it('keeps audit records at least a year, and says why a shorter period is refused', () => {
    expect(loadConfig({}, [])).toMatchObject({
      RETENTION_POSITIONS_DAYS: 90,
      RETENTION_CALLER_DATA_DAYS: 365,
      RETENTION_AUDIT_DAYS: 365,
      RETENTION_SESSIONS_DAYS: 0,
      RETENTION_PURGE_INTERVAL_MINUTES: 60,
      RETENTION_BATCH_SIZE: 1000,
    });
    expect(() => loadConfig({ RETENTION_AUDIT_DAYS: '364' }, [])).toThrow(
      'RETENTION_AUDIT_DAYS: must be at least 365: CJIS AU-11 requires audit records to be kept for at least one year',
    );
    expect(loadConfig({ RETENTION_AUDIT_DAYS: '2555' }, []).RETENTION_AUDIT_DAYS).toBe(2555);
    expect(() => loadConfig({ RETENTION_POSITIONS_DAYS: '0' }, [])).toThrow(
      /RETENTION_POSITIONS_DAYS: must be 1 or more/,
    );
  });

  it('requires SESSION_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' }, [])).toThrow(/SESSION_SECRET: is required/);
  });

  it('takes a migration URL only beside the runtime DATABASE_URL', () => {
    const owner = 'postgres://owner@localhost/db';
    expect(() => loadConfig({ DATABASE_MIGRATION_URL: owner }, [])).toThrow(
      /DATABASE_MIGRATION_URL: needs DATABASE_URL/,
    );
    const config = loadConfig(
      { DATABASE_URL: 'postgres://app@localhost/db', DATABASE_MIGRATION_URL: owner },
      [],
    );
    expect(config.DATABASE_MIGRATION_URL).toBe(owner);
  });

  it('never creates demo users in production unless --demo is given', () => {
    const secret = 'x'.repeat(40);
    expect(
      loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret, DEMO: 'true' }, []).demo,
    ).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/db' }, []).demo).toBe(false);
    expect(
      loadConfig({ DATABASE_URL: 'postgres://localhost/db' }, ['node', 'main.ts', '--demo']).demo,
    ).toBe(true);
    expect(loadConfig({ DEMO: 'false' }, []).demo).toBe(false);
  });

  it('validates the demo city settings', () => {
    expect(loadConfig({}, [])).toMatchObject({ DEMO_RATE: 1, DEMO_SEED: 'harbor-city' });
    expect(loadConfig({ DEMO_RATE: '2.5' }, []).DEMO_RATE).toBe(2.5);
    expect(() => loadConfig({ DEMO_RATE: '0' }, [])).toThrow(/DEMO_RATE: must be above 0/);
    expect(() => loadConfig({ DEMO_RATE: 'fast' }, [])).toThrow(/DEMO_RATE: must be a number/);
  });

  it('treats empty variables as unset and parses TRUST_PROXY', () => {
    expect(loadConfig({ PORT: '', TRUST_PROXY: '1' }, [])).toMatchObject({
      PORT: 8080,
      trustProxy: 1,
    });
    expect(loadConfig({ TRUST_PROXY: 'loopback' }, []).trustProxy).toBe('loopback');
  });

  it('takes NIST password rules by default and CJIS basic rules by configuration', () => {
    expect(accountPolicies(loadConfig({}, [])).passwordPolicy).toEqual({
      minLength: 12,
      maxAgeDays: null,
      historySize: 0,
    });
    const cjis = loadConfig(
      { PASSWORD_MIN_LENGTH: '8', PASSWORD_MAX_AGE_DAYS: '90', PASSWORD_HISTORY: '10' },
      [],
    );
    expect(accountPolicies(cjis).passwordPolicy).toEqual({
      minLength: 8,
      maxAgeDays: 90,
      historySize: 10,
    });
    expect(() => loadConfig({ PASSWORD_MIN_LENGTH: '6' }, [])).toThrow(
      /PASSWORD_MIN_LENGTH: must be at least 8 \(NIST SP 800-63B\)/,
    );
  });

  it('refuses TRUST_PROXY=true, which would let clients choose their own address', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' }, [])).toThrow(/TRUST_PROXY: true trusts any/);
  });

  it('reads single sign-on and refuses settings that leave no way in', () => {
    const sso = loadConfig(
      {
        OIDC_ISSUER: 'https://idp.example.gov/realms/county',
        OIDC_CLIENT_ID: 'watchfloor',
        OIDC_GROUP_ROLES: '{"cad-dispatchers":"dispatcher"}',
        OIDC_MFA_AMR: 'mfa, hwk',
        LOCAL_SIGN_IN: 'false',
        LOCAL_SIGN_IN_ADMINS: 'true',
      },
      [],
    ).signIn;
    expect(sso.password).toBe('admins');
    expect(sso.oidc?.claims.groupRoles.get('cad-dispatchers')).toBe('dispatcher');
    expect([...(sso.oidc?.claims.mfaAmr ?? [])]).toEqual(['mfa', 'hwk']);
    expect(loadConfig({}, []).signIn).toEqual({ password: 'enabled' });
    expect(() => loadConfig({ LOCAL_SIGN_IN: 'false' }, [])).toThrow(/LOCAL_SIGN_IN: false needs/);
    expect(() => loadConfig({ OIDC_ISSUER: 'https://idp.example.gov' }, [])).toThrow(
      /set both, or neither/,
    );
    expect(() =>
      loadConfig({ OIDC_ISSUER: 'http://idp.example.gov', OIDC_CLIENT_ID: 'w' }, []),
    ).toThrow(/OIDC_ISSUER: must be https/);
    expect(() =>
      loadConfig(
        {
          OIDC_ISSUER: 'https://idp.example.gov',
          OIDC_CLIENT_ID: 'w',
          OIDC_GROUP_ROLES: '{"x":"integration"}',
        },
        [],
      ),
    ).toThrow(/OIDC_GROUP_ROLES: group x maps to integration/);
  });
});
