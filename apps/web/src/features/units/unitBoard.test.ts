import { describe, expect, it } from 'vitest';
import { buildUnit, testId } from '../../testing/liveFixtures.ts';
import { boardTransitions, parseUnitBoardFilter, unitBoard } from './unitBoard.ts';

describe('unitBoard', () => {
  const units = [
    buildUnit({ callSign: '2A10', homeDistrict: '2', status: 'busy' }),
    buildUnit({ callSign: '1A2', homeDistrict: '1', status: 'onscene' }),
    buildUnit({ callSign: '1A10', homeDistrict: '1', status: 'available' }),
    buildUnit({ callSign: '1A9', homeDistrict: '1', status: 'available' }),
    buildUnit({ callSign: '10A1', homeDistrict: '10', status: 'out_of_service' }),
  ];

  it('groups by district in numeric code order, available first, call signs in numeric order', () => {
    const board = unitBoard(units, { statuses: [], district: null });
    expect(board.map((group) => group.district)).toEqual(['1', '2', '10']);
    expect(board[0]!.units.map((unit) => unit.callSign)).toEqual(['1A9', '1A10', '1A2']);
    expect(board[0]!.counts).toMatchObject({ available: 2, onscene: 1, busy: 0 });
  });

  it('filters rows by status but keeps the whole district in the counts', () => {
    const board = unitBoard(units, { statuses: ['onscene'], district: '1' });
    expect(board).toHaveLength(1);
    expect(board[0]!.units.map((unit) => unit.callSign)).toEqual(['1A2']);
    expect(board[0]!.counts.available).toBe(2);
  });
});

describe('boardTransitions', () => {
  it('never puts a unit without a call on one', () => {
    expect(boardTransitions({ status: 'available', currentCallId: null })).toEqual([
      'busy',
      'out_of_service',
      'off_duty',
    ]);
  });

  it('moves a unit on a call along', () => {
    expect(boardTransitions({ status: 'dispatched', currentCallId: testId() })).toEqual([
      'enroute',
      'onscene',
      'available',
    ]);
  });
});

describe('parseUnitBoardFilter', () => {
  it('reads statuses and district, ignoring unknown statuses', () => {
    const filter = parseUnitBoardFilter(
      new URLSearchParams('status=busy,flying,available&district=3'),
    );
    expect(filter).toEqual({ statuses: ['busy', 'available'], district: '3' });
  });

  it('means everything when empty', () => {
    expect(parseUnitBoardFilter(new URLSearchParams(''))).toEqual({ statuses: [], district: null });
  });
});
