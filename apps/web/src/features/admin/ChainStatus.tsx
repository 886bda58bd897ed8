import { useTranslation } from 'react-i18next';
import { useInstantFormatter } from '../agency/useAgency.ts';
import { useAuditChain } from './adminQueries.ts';

/**
 * Whether the audit log still proves itself: the server recomputes the hash chain and
 * checks its signed checkpoints. A broken chain is an alert, with the first bad row.
 */
export function ChainStatus() {
  const { t } = useTranslation();
  const chain = useAuditChain();
  const formatInstant = useInstantFormatter();
  const when = (at: string) => formatInstant?.(at) ?? at;

  if (chain.isPending) return <p className="chain-status">{t('audit.chainChecking')}</p>;
  if (chain.isError) return <p className="chain-status">{t('audit.chainUnknown')}</p>;
  const report = chain.data;
  if (!report.ok) {
    return (
      <p className="chain-status chain-status--broken" role="alert">
        {t('audit.chainBroken', { reason: report.problem?.reason ?? '' })}
      </p>
    );
  }
  return (
    <p className="chain-status chain-status--ok">
      {report.verifiedThrough
        ? t('audit.chainVerified', {
            id: report.verifiedThrough.eventId,
            at: when(report.verifiedThrough.at),
            rows: report.chainedRows,
          })
        : t('audit.chainEmpty')}{' '}
      {report.lastCheckpoint
        ? t('audit.chainCheckpoint', {
            id: report.lastCheckpoint.eventId,
            at: when(report.lastCheckpoint.at),
          })
        : t('audit.chainNoCheckpoint')}
    </p>
  );
}
