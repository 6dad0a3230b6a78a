import { leastBusySlot } from './worker-ingest-runner';

describe('leastBusySlot', () => {
  it('takes idle workers in turn instead of always the first', () => {
    expect([0, 1, 2, 3].map((turn) => leastBusySlot([0, 0], turn))).toEqual([0, 1, 0, 1]);
    expect([0, 1, 2].map((turn) => leastBusySlot([1, 0, 0], turn))).toEqual([1, 1, 2]);
  });

  it('takes the worker with the fewest jobs whatever the turn', () => {
    for (let turn = 0; turn < 4; turn++) expect(leastBusySlot([3, 1, 2], turn)).toBe(1);
    expect(leastBusySlot([5], 7)).toBe(0);
  });
});
