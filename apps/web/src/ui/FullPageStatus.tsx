import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface FullPageStatusProps {
  children: ReactNode;
  /** `alert` for failures (announced at once), `status` for progress. */
  role?: 'status' | 'alert';
  onRetry?: () => void;
}

/** A whole-page message shown before the shell exists (session check, fatal errors). */
export function FullPageStatus({ children, role = 'status', onRetry }: FullPageStatusProps) {
  const { t } = useTranslation();
  return (
    <main className="full-page-status">
      <p role={role}>{children}</p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t('app.retry')}
        </button>
      )}
    </main>
  );
}
