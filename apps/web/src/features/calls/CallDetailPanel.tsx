import type { AgencyConfig } from '@watchfloor/contracts';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, LoadingState } from '../../ui/QueryState.tsx';
import { useCallDetail } from './callDetailQueries.ts';
import { CallFacts, CallerSection, Timeline } from './CallDetailSections.tsx';
import { CallActions } from './CallActions.tsx';

/** Which action form is open; the open-call list's shortcuts can open one. */
export type CallPanelAction = 'assign' | 'close' | 'cancel' | 'note' | 'priority';

export interface CallDetailPanelProps {
  callId: string;
  agency: Pick<AgencyConfig, 'priorities' | 'dispositions'>;
  /** The action form to open first (from a keyboard shortcut). */
  initialAction?: CallPanelAction | null;
  /** The call's version in the live list: when it moves past the detail, the detail is re-read. */
  liveVersion?: number | undefined;
}

/** A call with its timeline and, as the user's ability allows, the dispatcher's actions. */
export function CallDetailPanel({
  callId,
  agency,
  initialAction = null,
  liveVersion,
}: CallDetailPanelProps) {
  const { t } = useTranslation();
  const detail = useCallDetail(callId);
  const detailVersion = detail.data?.version;
  const { refetch } = detail;
  // Someone else moved the call (the socket updated the list): read its timeline again.
  useEffect(() => {
    if (liveVersion !== undefined && detailVersion !== undefined && liveVersion > detailVersion) {
      void refetch();
    }
  }, [liveVersion, detailVersion, refetch]);
  if (detail.isPending) return <LoadingState label={t('callDetail.loading')} />;
  if (detail.isError) {
    return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  const { timeline, ...call } = detail.data;
  return (
    <div className="call-detail">
      <CallFacts call={call} agency={agency} />
      <CallActions call={call} agency={agency} initialAction={initialAction} />
      <CallerSection call={call} />
      <Timeline timeline={timeline} />
    </div>
  );
}
