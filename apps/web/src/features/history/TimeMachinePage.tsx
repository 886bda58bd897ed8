import type { AgencyConfig } from '@watchfloor/contracts';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useTheme } from '../../app/ThemeProvider.tsx';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { ErrorState, LoadingState } from '../../ui/QueryState.tsx';
import { useAgency } from '../agency/useAgency.ts';
import { useAppAbility } from '../auth/ability.ts';
import { Timeline } from '../calls/CallDetailSections.tsx';
import { AgencyBaseMap } from '../map/AgencyBaseMap.tsx';
import { livePalette } from '../map/livePalette.ts';
import { HistoryLayers } from './HistoryLayers.tsx';
import { useBusiestHour, useCallReplay, useWindowReplay } from './historyQueries.ts';
import {
  defaultStart,
  historyViewParams,
  parseHistoryView,
  windowInstants,
  windowMinutes,
  yesterdayInstants,
  type HistoryView,
} from './historyView.ts';
import { PlayerControls } from './PlayerControls.tsx';
import { createReplay, type ReplayInput } from './replayEngine.ts';
import { ReplayQueue } from './ReplayQueue.tsx';
import { usePlayer } from './usePlayer.ts';
import '../map/map.css';
import './history.css';

export function TimeMachinePage() {
  const { t } = useTranslation();
  usePageTitle(t('history.title'));
  const agency = useAgency();
  return (
    <div className="page page--full time-machine">
      <h1 className="visually-hidden">{t('history.title')}</h1>
      {agency.isPending ? (
        <LoadingState />
      ) : agency.isError ? (
        <ErrorState error={agency.error} onRetry={() => void agency.refetch()} />
      ) : (
        <TimeMachine agency={agency.data} />
      )}
    </div>
  );
}

function TimeMachine({ agency }: { agency: AgencyConfig }) {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const view = parseHistoryView(searchParams);
  const setView = (next: HistoryView) => setSearchParams(historyViewParams(next));
  const window =
    view.kind === 'window' ? windowInstants(view.start, view.minutes, agency.timeZone) : null;
  const windowReplay = useWindowReplay(window);
  const callReplay = useCallReplay(view.kind === 'call' ? view.callId : null);
  const query = view.kind === 'call' ? callReplay : windowReplay;
  const input = view.kind === 'call' ? callReplay.data?.input : windowReplay.data;

  return (
    <div className="time-machine__layout">
      <div className="time-machine__controls">
        <WindowForm view={view} agency={agency} onChange={setView} />
        <p className="page__note">{t('history.note')}</p>
      </div>
      {view.kind === 'none' ? (
        <p className="state state--empty time-machine__empty">{t('history.pick')}</p>
      ) : query.isPending ? (
        <LoadingState label={t('history.loading')} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : input ? (
        <Replay
          key={`${input.from}-${input.to}`}
          input={input}
          agency={agency}
          focusCallId={view.kind === 'call' ? view.callId : null}
          timeline={callReplay.data?.replay.timeline}
        />
      ) : null}
    </div>
  );
}

function Replay({
  input,
  agency,
  focusCallId,
  timeline,
}: {
  input: ReplayInput;
  agency: AgencyConfig;
  focusCallId: string | null;
  timeline: Parameters<typeof Timeline>[0]['timeline'] | undefined;
}) {
  const { t } = useTranslation();
  const palette = livePalette(useTheme().theme);
  const fromMs = Date.parse(input.from);
  const toMs = Date.parse(input.to);
  const player = usePlayer(fromMs, toMs);
  const replay = useMemo(() => createReplay(input), [input]);
  const frame = replay.seek(player.playhead);
  return (
    <>
      <div className="time-machine__player">
        <PlayerControls player={player} fromMs={fromMs} toMs={toMs} />
      </div>
      <div className="time-machine__map">
        <AgencyBaseMap agency={agency}>
          <HistoryLayers
            calls={frame.calls}
            units={frame.units}
            playhead={player.playhead}
            palette={palette}
            focusCallId={focusCallId}
          />
        </AgencyBaseMap>
      </div>
      {/* Focusable: it scrolls, and may hold nothing else to focus (a quiet queue). */}
      <aside className="side-panel" aria-label={t('history.side')} tabIndex={0}>
        <ReplayQueue calls={frame.calls} playhead={player.playhead} />
        {timeline && (
          <section>
            <h2>{t('callDetail.timelineTitle')}</h2>
            <Timeline timeline={timeline} />
          </section>
        )}
      </aside>
    </>
  );
}

function WindowForm({
  view,
  agency,
  onChange,
}: {
  view: HistoryView;
  agency: AgencyConfig;
  onChange: (view: HistoryView) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const canReadStats = useAppAbility().can('read', 'ResponseStats');
  const [start, setStart] = useState(
    view.kind === 'window' ? view.start : defaultStart(new Date(), agency.timeZone),
  );
  const [minutes, setMinutes] = useState(view.kind === 'window' ? view.minutes : 60);
  const yesterday = useMemo(() => yesterdayInstants(new Date(), agency.timeZone), [agency]);
  const busiest = useBusiestHour(canReadStats ? yesterday : null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onChange({ kind: 'window', start, minutes });
  }

  const busiestHour = busiest.data;
  return (
    <form className="filter-bar" onSubmit={submit}>
      <div className="filter-bar__field">
        <label htmlFor={`${id}-start`}>{t('history.start', { timeZone: agency.timeZone })}</label>
        <input
          id={`${id}-start`}
          type="datetime-local"
          required
          value={start}
          onChange={(event) => setStart(event.target.value)}
        />
      </div>
      <div className="filter-bar__field">
        <label htmlFor={`${id}-minutes`}>{t('history.length')}</label>
        <select
          id={`${id}-minutes`}
          value={minutes}
          onChange={(event) => setMinutes(Number(event.target.value))}
        >
          {windowMinutes.map((entry) => (
            <option key={entry} value={entry}>
              {t('history.minutes', { count: entry })}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button">
        {t('history.load')}
      </button>
      {busiestHour !== undefined && busiestHour !== null && (
        <button
          type="button"
          className="button button--quiet"
          onClick={() =>
            onChange({
              kind: 'window',
              start: `${yesterday.day}T${String(busiestHour).padStart(2, '0')}:00`,
              minutes: 60,
            })
          }
        >
          {t('history.busiest', { hour: `${String(busiestHour).padStart(2, '0')}:00` })}
        </button>
      )}
    </form>
  );
}
