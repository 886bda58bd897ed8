/** What the dispatcher picked on the map or in a list. */
export type MapSelection = { kind: 'call' | 'unit'; id: string } | null;

export function isSelected(selection: MapSelection, kind: 'call' | 'unit', id: string): boolean {
  return selection?.kind === kind && selection.id === id;
}
