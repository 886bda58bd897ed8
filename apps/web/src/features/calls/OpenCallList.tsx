import type { AgencyConfig, Call } from '@watchfloor/contracts';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import {
  memo,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import { priorityColor, type LivePalette } from '../map/livePalette.ts';
import { CallGlyph } from '../map/live/MarkerGlyphs.tsx';
import { sortOpenCalls } from './callOrder.ts';
import { QueueAge } from './QueueAge.tsx';

interface OpenCallListProps {
  calls: readonly Call[];
  selectedCallId: string | null;
  onSelect: (callId: string) => void;
  /** `A` and `C` on a row: open the call with its assign or close form. */
  onShortcut?: (callId: string, action: 'assign' | 'close') => void;
  /** Whether the hint mentions `N` for a new call (only for users who may create calls). */
  canCreate?: boolean;
  palette: LivePalette;
  /** Targets per priority, which turn rows amber and red. */
  priorities: AgencyConfig['priorities'];
  /** Shown above the list (the queue's filters). */
  filters?: ReactNode;
  /** How many open calls there are before filtering, when a filter is on. */
  unfilteredCount?: number;
  /** False while the connection is down: the list may be out of date, and says so. */
  live: boolean;
}

/** Fixed row height (px): rows never change size, so the list never jumps. */
const rowHeight = 56;

/**
 * The open calls in working order (pending first, then by priority and age), virtualised so a
 * thousand calls cost the same as twenty. A listbox: Tab enters at the active row, arrows,
 * Home and End move, Enter or Space selects. Ages tick by themselves, not the list.
 */
export function OpenCallList({
  calls,
  selectedCallId,
  onSelect,
  onShortcut,
  canCreate = false,
  palette,
  priorities,
  filters,
  unfilteredCount,
  live,
}: OpenCallListProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const rowIdPrefix = useId();
  const sorted = useMemo(() => sortOpenCalls(calls), [calls]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  // The active row follows its call when the order changes; if the call left, the top row.
  const activeIndex = Math.max(
    0,
    sorted.findIndex((call) => call.id === (activeId ?? selectedCallId)),
  );
  const focusPending = useRef(false);

  // The active row always stays rendered, so focus never lands on a row that unmounts.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (activeIndex < sorted.length && !indexes.includes(activeIndex)) {
        indexes.push(activeIndex);
        indexes.sort((a, b) => a - b);
      }
      return indexes;
    },
    [activeIndex, sorted.length],
  );

  // The React Compiler would skip this component (the virtualizer hands out unmemoisable
  // functions); the app does not use the compiler, and nothing here relies on memoisation.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: sorted.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    rangeExtractor,
    getItemKey: (index) => sorted[index]?.id ?? index,
  });

  const rowId = (callId: string) => `${rowIdPrefix}-${callId}`;

  useEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    const call = sorted[activeIndex];
    if (call) document.getElementById(rowId(call.id))?.focus();
  });

  function moveTo(index: number) {
    const call = sorted[Math.min(Math.max(index, 0), sorted.length - 1)];
    if (!call) return;
    focusPending.current = true;
    setActiveId(call.id);
    virtualizer.scrollToIndex(sorted.indexOf(call));
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const page = Math.max(
      1,
      Math.floor((scrollRef.current?.clientHeight ?? rowHeight) / rowHeight) - 1,
    );
    const moves: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      PageDown: activeIndex + page,
      PageUp: activeIndex - page,
      Home: 0,
      End: sorted.length - 1,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      moveTo(target);
    } else if (event.key === 'Enter' || event.key === ' ') {
      const call = sorted[activeIndex];
      if (call) {
        event.preventDefault();
        onSelect(call.id);
      }
    } else if (
      onShortcut &&
      !event.ctrlKey &&
      !event.metaKey &&
      !event.altKey &&
      (event.key === 'a' || event.key === 'A' || event.key === 'c' || event.key === 'C')
    ) {
      const call = sorted[activeIndex];
      if (call) {
        event.preventDefault();
        onShortcut(call.id, event.key.toLowerCase() === 'a' ? 'assign' : 'close');
      }
    }
  }

  return (
    <section className="open-call-list" aria-labelledby={headingId}>
      <div>
        <h2 id={headingId} className="open-call-list__heading">
          {t('calls.openTitle', { count: sorted.length })}
          {!live && <span className="open-call-list__not-live">{t('calls.notLive')}</span>}
        </h2>
        {unfilteredCount !== undefined && (
          <p className="open-call-list__filtered">
            {t('queue.filtered', { shown: sorted.length, total: unfilteredCount })}
          </p>
        )}
        {filters}
        {onShortcut && (
          <p className="open-call-list__shortcuts">
            {canCreate ? t('calls.shortcutsWithNew') : t('calls.shortcuts')}
          </p>
        )}
      </div>
      {sorted.length === 0 ? (
        <p className="state state--empty">{t('calls.noneOpen')}</p>
      ) : (
        <div
          ref={scrollRef}
          className="open-call-list__scroll"
          role="listbox"
          aria-labelledby={headingId}
          onKeyDown={onKeyDown}
        >
          <div className="open-call-list__canvas" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const call = sorted[item.index];
              if (!call) return null;
              const active = item.index === activeIndex;
              return (
                <div
                  key={call.id}
                  id={rowId(call.id)}
                  role="option"
                  aria-selected={call.id === selectedCallId}
                  aria-posinset={item.index + 1}
                  aria-setsize={sorted.length}
                  tabIndex={active ? 0 : -1}
                  className="open-call-row"
                  style={{ transform: `translateY(${item.start}px)` }}
                  onClick={() => {
                    setActiveId(call.id);
                    onSelect(call.id);
                  }}
                  onFocus={() => {
                    if (!active) setActiveId(call.id);
                  }}
                >
                  <OpenCallRow call={call} palette={palette} priorities={priorities} />
                </div>
              );
            })}
          </div>
        </div>
      )}
    </section>
  );
}

// Rows re-render only when their call changed (the cache keeps unchanged calls as they were).
const OpenCallRow = memo(function OpenCallRow({
  call,
  palette,
  priorities,
}: {
  call: Call;
  palette: LivePalette;
  priorities: AgencyConfig['priorities'];
}) {
  const { t } = useTranslation();
  return (
    <>
      <CallGlyph
        status={call.status}
        color={priorityColor(palette, call.priority)}
        outline={palette.markerOutline}
      />
      <span className="open-call-row__main">
        <span className="open-call-row__title">
          <span className="open-call-row__priority">
            {t('calls.priorityShort', { priority: call.priority })}
          </span>{' '}
          {call.callTypeDescription}
        </span>
        <span className="open-call-row__meta">
          {t(`callStatus.${call.status}`)} · {call.address ?? t('calls.noAddress')}
        </span>
      </span>
      <QueueAge call={call} priorities={priorities} />
    </>
  );
});
