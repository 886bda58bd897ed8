import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useClockFormatter } from '../agency/useAgency.ts';
import { replaySpeeds, type usePlayer } from './usePlayer.ts';

interface PlayerControlsProps {
  player: ReturnType<typeof usePlayer>;
  fromMs: number;
  toMs: number;
}

/** Play / pause, speed, one-minute steps and a scrubber, with the time shown in words. */
export function PlayerControls({ player, fromMs, toMs }: PlayerControlsProps) {
  const { t } = useTranslation();
  const id = useId();
  const formatClock = useClockFormatter();
  const time = formatClock?.(player.playhead) ?? new Date(player.playhead).toISOString();
  return (
    <div className="player" role="group" aria-label={t('history.player')}>
      <button type="button" className="button" onClick={player.toggle}>
        {player.playing ? t('history.pause') : t('history.play')}
      </button>
      <button type="button" className="button button--quiet" onClick={() => player.step(-60)}>
        {t('history.back')}
      </button>
      <button type="button" className="button button--quiet" onClick={() => player.step(60)}>
        {t('history.forward')}
      </button>
      <label htmlFor={`${id}-speed`}>{t('history.speed')}</label>
      <select
        id={`${id}-speed`}
        value={player.speed}
        onChange={(event) => player.setSpeed(Number(event.target.value))}
      >
        {replaySpeeds.map((speed) => (
          <option key={speed} value={speed}>{`${speed}×`}</option>
        ))}
      </select>
      <label htmlFor={`${id}-scrub`} className="visually-hidden">
        {t('history.scrubber')}
      </label>
      <input
        id={`${id}-scrub`}
        className="player__scrubber"
        type="range"
        min={fromMs}
        max={toMs}
        step={1000}
        value={Math.round(player.playhead)}
        aria-valuetext={time}
        onChange={(event) => player.seek(Number(event.target.value))}
      />
      <output className="player__time" htmlFor={`${id}-scrub`} aria-live="off">
        {time}
      </output>
    </div>
  );
}
