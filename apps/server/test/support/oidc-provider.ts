import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

/** A person at the test identity provider: their claims, and how the provider proved them. */
export interface ProviderAccount {
  claims: Record<string, unknown>;
  /** The `amr` the provider reports for this person's sign-in. */
  amr: string[];
}

export const testClientId = 'watchfloor';
export const testClientSecret = 'test-client-secret-test-client-secret';
/** Where the provider sends browsers back; the test hands that URL to the app itself. */
export const testRedirectUri = 'http://watchfloor.test/api/auth/oidc/callback';
const scopes = 'openid profile email';

/**
 * A real OpenID Connect provider (`oidc-provider`) on an ephemeral loopback port, with one
 * confidential client that must use PKCE. Its sign-in page is ours, made minimal: GET
 * shows a form, POST `login=<sub>` signs that account in with its `amr`; consent is
 * implied (a first-party client), as agencies configure their own IdPs for Watchfloor.
 */
export async function startTestProvider(accounts: Record<string, ProviderAccount>) {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: testClientId,
        client_secret: testClientSecret,
        redirect_uris: [testRedirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig' }] },
    cookies: { keys: ['test-provider-cookie-key'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    claims: {
      // In every ID token, as agency IdPs send it (here it is otherwise sent only on request).
      openid: ['sub', 'amr'],
      email: ['email'],
      profile: ['name', 'preferred_username', 'watchfloor_role', 'watchfloor_districts', 'groups'],
    },
    findAccount: (_ctx, sub) => {
      const account = accounts[sub];
      return account && { accountId: sub, claims: () => ({ sub, ...account.claims }) };
    },
    // First-party client: the grant is implied, so no consent page.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { client, session } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grant = new ctx.oidc.provider.Grant({
        clientId: client.clientId,
        accountId: session.accountId,
      });
      grant.addOIDCScope(scopes);
      await grant.save();
      return grant;
    },
  });
  const callback = provider.callback();

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const interaction = /^\/interaction\/([\w-]+)$/.exec(req.url ?? '');
    if (!interaction) {
      void callback(req, res);
      return;
    }
    void (async () => {
      await provider.interactionDetails(req, res);
      if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<form method="post"><input name="login"><button>Sign in</button></form>');
        return;
      }
      let body = '';
      for await (const chunk of req) body += String(chunk);
      const accountId = new URLSearchParams(body).get('login') ?? '';
      const account = accounts[accountId];
      const result = account
        ? { login: { accountId, amr: account.amr } }
        : { error: 'access_denied', error_description: 'Unknown account' };
      await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });

  return {
    issuer,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The cookies of one browser at the provider (one host, so paths are ignored). */
export class ProviderBrowser {
  readonly #cookies = new Map<string, string>();

  /** One request without following redirects; answers the status and Location. */
  async visit(url: string, form?: Record<string, string>) {
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(header)) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
    await response.arrayBuffer();
    const location = response.headers.get('location');
    return { status: response.status, location: location ? new URL(location, url).href : null };
  }

  /**
   * From the authorization URL our server redirected to, through the provider's sign-in
   * as `accountId`, to the callback URL the provider sends the browser back to.
   */
  async signIn(authorizationUrl: string, accountId: string): Promise<URL> {
    let step = await this.visit(authorizationUrl);
    for (let hops = 0; hops < 10 && step.location; hops += 1) {
      const next = step.location;
      if (next.startsWith(testRedirectUri)) return new URL(next);
      if (/\/interaction\/[\w-]+$/.test(next)) {
        await this.visit(next);
        step = await this.visit(next, { login: accountId });
      } else {
        step = await this.visit(next);
      }
    }
    throw new Error(`the provider did not send the browser back (status ${step.status})`);
  }
}
