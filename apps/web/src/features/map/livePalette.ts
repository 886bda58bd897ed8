import type { Unit } from '@watchfloor/contracts';
import type { Theme } from '../../app/theme.ts';

type UnitStatus = Unit['status'];

export interface LivePalette {
  /** Call fill by priority: index 0 is priority 1; the last entry serves every lower one. */
  callPriority: readonly string[];
  unitStatus: Record<UnitStatus, string>;
  /** A unit not heard from for too long: no status colour, it may be anywhere. */
  unitLost: string;
  /** Outline that separates a marker from the background and from its neighbours. */
  markerOutline: string;
  /** The ring of a unit, in the text colour, so units read apart from calls. */
  unitRing: string;
  /** The ring around the selected call or unit (the focus colour). */
  selection: string;
}

// Checked against the map backgrounds (#0b141d dark, #e9eef3 light): every fill is at least
// 3:1 against its background (WCAG non-text contrast); the shapes carry status, not colour.
const palettes: Record<Theme, LivePalette> = {
  dark: {
    callPriority: ['#ff6b6b', '#ff9f43', '#ffd43b', '#c5cbd3'],
    unitStatus: {
      available: '#69db7c',
      dispatched: '#b197fc',
      enroute: '#3bc9db',
      onscene: '#4dabf7',
      busy: '#f783ac',
      out_of_service: '#d8a48f',
      off_duty: '#94a3b8',
    },
    unitLost: '#6b7785',
    markerOutline: '#0b141d',
    unitRing: '#e6edf3',
    selection: '#ffd166',
  },
  light: {
    callPriority: ['#c92a2a', '#d9480f', '#9c6f00', '#495057'],
    unitStatus: {
      available: '#2b8a3e',
      dispatched: '#6741d9',
      enroute: '#0b7285',
      onscene: '#1864ab',
      busy: '#c2255c',
      out_of_service: '#8f5b3a',
      off_duty: '#5c6b7f',
    },
    unitLost: '#738090',
    markerOutline: '#ffffff',
    unitRing: '#1b232c',
    selection: '#c2410c',
  },
};

export function livePalette(theme: Theme): LivePalette {
  return palettes[theme];
}

/** The colour of a call of `priority` (1 is the most urgent). */
export function priorityColor(palette: LivePalette, priority: number): string {
  const { callPriority } = palette;
  return callPriority[Math.min(priority, callPriority.length) - 1] ?? callPriority.at(-1)!;
}
