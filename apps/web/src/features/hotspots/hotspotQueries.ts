import { hotspotCellCallsSchema, hotspotResponseSchema } from '@watchfloor/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useHttpClient } from '../../lib/httpContext.tsx';
import { hotspotSearch, type HotspotView } from './hotspotView.ts';

export function useHotspots(view: HotspotView, timeZone: string, resolution: number) {
  const http = useHttpClient();
  const search = hotspotSearch(view, timeZone);
  search.set('resolution', String(resolution));
  const query = search.toString();
  return useQuery({
    queryKey: ['hotspots', query],
    queryFn: ({ signal }) => http.get(`/api/hotspots?${query}`, hotspotResponseSchema, { signal }),
    // Zooming swaps the grid: keep the old hexagons until the new ones arrive.
    placeholderData: keepPreviousData,
  });
}

export function useCellCalls(cell: string | null, view: HotspotView, timeZone: string) {
  const http = useHttpClient();
  const query = hotspotSearch(view, timeZone).toString();
  return useQuery({
    queryKey: ['hotspots', 'cell', cell, query],
    queryFn: ({ signal }) =>
      http.get(
        `/api/hotspots/cells/${encodeURIComponent(cell ?? '')}/calls?${query}`,
        hotspotCellCallsSchema,
        { signal },
      ),
    enabled: cell !== null,
  });
}
