import { describe, expect, it } from 'vitest';
import { exportUrl, type ExportForm } from './exportRequest.ts';

const form: ExportForm = {
  kind: 'calls',
  period: { preset: 'custom', from: '2026-01-01', to: '2026-01-31' },
  district: '2',
  priority: null,
  callType: '415',
  format: 'csv',
  metric: 'response',
  groupBy: 'priority',
  bom: true,
  purpose: '  Quarterly council report  ',
};

describe('exportUrl', () => {
  it('asks for the local period, the filters, the format, the BOM and the purpose', () => {
    const url = new URL(exportUrl(form, 'America/Los_Angeles'), 'http://test');
    expect(url.pathname).toBe('/api/exports/calls');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      from: '2026-01-01T08:00:00.000Z',
      to: '2026-02-01T08:00:00.000Z',
      district: '2',
      callType: '415',
      format: 'csv',
      purpose: 'Quarterly council report',
      bom: 'true',
    });
  });

  it('exports statistics as CSV or XLSX, with their metric and grouping', () => {
    const url = new URL(
      exportUrl({ ...form, kind: 'stats', format: 'geojson', bom: false }, 'UTC'),
      'http://test',
    );
    expect(url.pathname).toBe('/api/exports/stats');
    expect(url.searchParams.get('format')).toBe('csv');
    expect(url.searchParams.get('metric')).toBe('response');
    expect(url.searchParams.get('groupBy')).toBe('priority');
    expect(url.searchParams.has('bom')).toBe(false);
  });
});
