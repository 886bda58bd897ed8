import type { IntegrationTokenView } from '@watchfloor/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { EmptyState, ErrorState, LoadingState } from '../../ui/QueryState.tsx';
import { useInstantFormatter } from '../agency/useAgency.ts';
import {
  useCreateIntegrationToken,
  useIntegrationTokens,
  useRevokeIntegrationToken,
} from './adminQueries.ts';
import { formProblem } from './formProblem.ts';
import { TimeZoneNote } from './TimeZoneNote.tsx';

/**
 * Integration tokens: a CAD or AVL feed can be connected (and cut off) while the
 * floor runs, without the command line.
 */
export function IntegrationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('integrations.title'));
  const tokens = useIntegrationTokens();

  return (
    <div className="page">
      <h1>{t('integrations.title')}</h1>
      <p>{t('integrations.intro')}</p>
      <NewTokenForm />
      <TimeZoneNote />
      {tokens.isPending ? (
        <LoadingState />
      ) : tokens.isError ? (
        <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : tokens.data.tokens.length === 0 ? (
        <EmptyState>{t('integrations.empty')}</EmptyState>
      ) : (
        <TokensTable tokens={tokens.data.tokens} />
      )}
    </div>
  );
}

function NewTokenForm() {
  const { t } = useTranslation();
  const create = useCreateIntegrationToken();
  const [problem, setProblem] = useState<string | null>(null);
  const alertId = useId();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = (form.elements.namedItem('name') as HTMLInputElement).value.trim();
    setProblem(null);
    create.mutate(name, {
      onSuccess: () => form.reset(),
      onError: (error) => setProblem(formProblem(error, t)),
    });
  }

  return (
    <section className="panel" aria-labelledby={`${alertId}-heading`}>
      <h2 id={`${alertId}-heading`}>{t('integrations.newTitle')}</h2>
      <form className="inline-form" noValidate onSubmit={handleSubmit} aria-busy={create.isPending}>
        <label className="field">
          <span className="field__label">{t('integrations.name')}</span>
          <input
            name="name"
            autoComplete="off"
            spellCheck={false}
            placeholder="cad-primary"
            required
            aria-invalid={problem !== null}
            aria-describedby={problem ? alertId : undefined}
          />
        </label>
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {t('integrations.create')}
        </button>
      </form>
      <div id={alertId} role="alert" className="form-alert">
        {problem}
      </div>
      {create.data && (
        <div className="token-once" role="status">
          <p>{t('integrations.shownOnce', { name: create.data.integrationToken.name })}</p>
          <code className="token-once__value">{create.data.token}</code>
        </div>
      )}
    </section>
  );
}

function TokensTable({ tokens }: { tokens: IntegrationTokenView[] }) {
  const { t } = useTranslation();
  const formatInstant = useInstantFormatter();
  const revoke = useRevokeIntegrationToken();
  const captionId = useId();
  const time = (instant: string | null, none: string) =>
    instant ? <time dateTime={instant}>{formatInstant?.(instant) ?? instant}</time> : none;

  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table">
        <caption id={captionId}>{t('integrations.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('integrations.name')}</th>
            <th scope="col">{t('integrations.status')}</th>
            <th scope="col">{t('integrations.createdAt')}</th>
            <th scope="col">{t('integrations.lastUsedAt')}</th>
            <th scope="col">{t('integrations.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id}>
              <th scope="row">{token.name}</th>
              <td>
                {token.revokedAt ? (
                  <span className="badge badge--muted">{t('integrations.revoked')}</span>
                ) : (
                  <span className="badge badge--ok">{t('integrations.active')}</span>
                )}
              </td>
              <td>{time(token.createdAt, '')}</td>
              <td>{time(token.lastUsedAt, t('integrations.never'))}</td>
              <td>
                {!token.revokedAt && (
                  <button
                    type="button"
                    className="button button--danger"
                    disabled={revoke.isPending}
                    onClick={() => {
                      if (window.confirm(t('integrations.confirmRevoke', { name: token.name })))
                        revoke.mutate(token.id);
                    }}
                  >
                    {t('integrations.revoke', { name: token.name })}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
