import { useCallback, useState } from 'react';

const storageKey = 'watchfloor.mapLegendOpen';

function readStored(): boolean {
  try {
    // Open until the user closes it: the key matters most the first time.
    return localStorage.getItem(storageKey) !== 'false';
  } catch {
    return true;
  }
}

/** Whether the map legend is open, remembered across visits (it covers part of the map). */
export function useLegendOpen(): [open: boolean, setOpen: (open: boolean) => void] {
  const [open, setOpenState] = useState(readStored);
  const setOpen = useCallback((next: boolean) => {
    setOpenState(next);
    try {
      localStorage.setItem(storageKey, String(next));
    } catch {
      // Storage blocked by policy: remembered for this visit only.
    }
  }, []);
  return [open, setOpen];
}
