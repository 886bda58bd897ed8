import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hotspotSearch, type HotspotView } from './hotspotView.ts';

/**
 * Downloads the hexagon table. A plain GET form: the browser saves the attachment the server
 * sends, and the server writes the purpose to the audit log.
 */
export function HotspotExport({
  view,
  timeZone,
  resolution,
}: {
  view: HotspotView;
  timeZone: string;
  resolution: number;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [purpose, setPurpose] = useState('');
  const search = hotspotSearch(view, timeZone);
  search.set('resolution', String(resolution));
  return (
    <form className="hotspot-export" method="get" action="/api/hotspots/export">
      <h2>{t('hotspots.exportTitle')}</h2>
      {[...search].map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label htmlFor={`${id}-purpose`}>{t('hotspots.purpose')}</label>
      <input
        id={`${id}-purpose`}
        name="purpose"
        value={purpose}
        required
        minLength={10}
        maxLength={500}
        aria-describedby={`${id}-hint`}
        onChange={(event) => setPurpose(event.target.value)}
      />
      <p id={`${id}-hint`} className="page__note">
        {t('hotspots.purposeHint')}
      </p>
      <button type="submit" className="button" disabled={purpose.trim().length < 10}>
        {t('hotspots.download')}
      </button>
    </form>
  );
}
