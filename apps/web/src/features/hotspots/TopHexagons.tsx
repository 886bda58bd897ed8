import type { HotspotCell } from '@watchfloor/contracts';
import { cellToLatLng } from 'h3-js';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/** Rows in the table of busiest hexagons (the map shows them all). */
export const topCount = 10;

function formatChange(cell: HotspotCell, newLabel: string): string {
  if (cell.change === null) return newLabel;
  const percent = Math.round(cell.change * 100);
  return `${percent > 0 ? '+' : ''}${percent} %`;
}

interface TopHexagonsProps {
  cells: readonly HotspotCell[];
  selectedCell: string | null;
  onSelect: (cell: string) => void;
}

/** The busiest hexagons with their change against the previous period of equal length. */
export function TopHexagons({ cells, selectedCell, onSelect }: TopHexagonsProps) {
  const { t } = useTranslation();
  const captionId = useId();
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table hotspot-table">
        <caption id={captionId}>{t('hotspots.topTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('hotspots.rank')}</th>
            <th scope="col">{t('hotspots.hexagon')}</th>
            <th scope="col">{t('hotspots.calls')}</th>
            <th scope="col">{t('hotspots.previous')}</th>
            <th scope="col">{t('hotspots.change')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('hotspots.showCalls')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {cells.slice(0, topCount).map((cell, index) => {
            const [lat, lon] = cellToLatLng(cell.cell);
            return (
              <tr key={cell.cell} aria-current={cell.cell === selectedCell ? 'true' : undefined}>
                <th scope="row">{index + 1}</th>
                <td>{`${lat.toFixed(3)}, ${lon.toFixed(3)}`}</td>
                <td>{cell.count}</td>
                <td>{cell.previousCount}</td>
                <td>{formatChange(cell, t('hotspots.new'))}</td>
                <td>
                  <button
                    type="button"
                    className="button button--quiet"
                    aria-label={t('hotspots.showCallsFor', { rank: index + 1 })}
                    onClick={() => onSelect(cell.cell)}
                  >
                    {t('hotspots.showCalls')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
