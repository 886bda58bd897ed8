import { useCallback, useEffect, useRef, useState } from 'react';

export const replaySpeeds = [1, 2, 5, 10, 30, 60] as const;

/**
 * A playhead over [fromMs, toMs]: plays at 1×–60× on animation frames, pauses, seeks and steps.
 * It stops at the end rather than looping, so nobody mistakes the last frame for live.
 */
export function usePlayer(fromMs: number, toMs: number) {
  const [playhead, setPlayhead] = useState(fromMs);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<number>(10);
  const last = useRef<number | null>(null);

  useEffect(() => {
    setPlayhead(fromMs);
    setPlaying(false);
  }, [fromMs, toMs]);

  useEffect(() => {
    if (!playing) return;
    let frame = requestAnimationFrame(function tick(now) {
      const elapsed = last.current === null ? 0 : now - last.current;
      last.current = now;
      setPlayhead((current) => {
        const next = Math.min(toMs, current + elapsed * speed);
        if (next >= toMs) setPlaying(false);
        return next;
      });
      frame = requestAnimationFrame(tick);
    });
    return () => {
      cancelAnimationFrame(frame);
      last.current = null;
    };
  }, [playing, speed, toMs]);

  const seek = useCallback(
    (ms: number) => setPlayhead(Math.min(toMs, Math.max(fromMs, ms))),
    [fromMs, toMs],
  );
  return {
    playhead,
    playing,
    speed,
    setSpeed,
    seek,
    step: (seconds: number) => seek(playhead + seconds * 1000),
    toggle: () => setPlaying((value) => !value && playhead < toMs),
  };
}
