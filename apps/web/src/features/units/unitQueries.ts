import { unitSchema, type Unit } from '@watchfloor/contracts';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { HttpClient } from '../../lib/http.ts';
import { useHttpClient } from '../../lib/httpContext.tsx';
import { unitsQueryKey } from '../live/liveQueries.ts';

export interface UnitStatusChange {
  unitId: string;
  status: Unit['status'];
}

/** Asks the server to move a unit; it checks the transition and carries any call forward. */
export function requestUnitStatus(http: HttpClient, { unitId, status }: UnitStatusChange) {
  return http.request(`/api/units/${encodeURIComponent(unitId)}/status`, {
    method: 'POST',
    body: { status },
    schema: unitSchema,
  });
}

/** Puts the server's answer in the units list at once, unless the socket brought newer. */
export function storeUnit(queryClient: QueryClient, unit: Unit): void {
  queryClient.setQueryData<Unit[]>(unitsQueryKey, (list) =>
    list?.map((entry) => (entry.id === unit.id && entry.version <= unit.version ? unit : entry)),
  );
}

/** A unit status change from the unit board. */
export function useChangeUnitStatus() {
  const http = useHttpClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: UnitStatusChange) => requestUnitStatus(http, change),
    onSuccess: (unit) => storeUnit(queryClient, unit),
  });
}
