import { AlertStateName, INITIAL_STATE, MachineRule, MachineState, Notification, step } from './alert-state-machine';

const MIN = 60_000;
const rule = (over: Partial<MachineRule> = {}): MachineRule => ({ forMs: 0, keepFiringForMs: 0, noData: 'ok', repeatEveryMs: null, ...over });

/** One evaluation per minute: condition (true, false, or null for no data) → expected state and notification. */
type Tick = [boolean | null, AlertStateName, Notification | null];

function run(r: MachineRule, ticks: Tick[], start: MachineState = INITIAL_STATE, acknowledgeAt?: number) {
  let state = start;
  return ticks.map(([met], i) => {
    if (acknowledgeAt === i) state = { ...state, acknowledged: true };
    const result = step(state, { at: i * MIN, met }, r);
    state = result.next;
    return [met, state.state, result.notify] as Tick;
  });
}

const CASES: Array<[string, MachineRule, Tick[]]> = [
  ['fires at once without for, resolves once, nothing while it stays firing', rule(), [
    [false, 'ok', null], [true, 'firing', 'firing'], [true, 'firing', null], [true, 'firing', null], [false, 'ok', 'resolved'], [false, 'ok', null],
  ]],
  ['waits for `for` in pending, then fires exactly once', rule({ forMs: 2 * MIN }), [
    [true, 'pending', null], [true, 'pending', null], [true, 'firing', 'firing'], [true, 'firing', null], [false, 'ok', 'resolved'],
  ]],
  ['flapping inside `for` notifies nothing', rule({ forMs: 2 * MIN }), [
    [true, 'pending', null], [false, 'ok', null], [true, 'pending', null], [true, 'pending', null], [false, 'ok', null], [true, 'pending', null], [false, 'ok', null],
  ]],
  ['flapping of a firing alert inside keep_firing_for notifies nothing', rule({ keepFiringForMs: 2 * MIN }), [
    [true, 'firing', 'firing'], [false, 'firing', null], [true, 'firing', null], [false, 'firing', null], [false, 'firing', null], [false, 'ok', 'resolved'],
  ]],
  ['no data counts as ok by default', rule(), [[true, 'firing', 'firing'], [null, 'ok', 'resolved'], [null, 'ok', null]]],
  ['no data counts as alerting when asked (a service that went silent)', rule({ noData: 'alerting', forMs: MIN }), [
    [false, 'ok', null], [null, 'pending', null], [null, 'firing', 'firing'], [false, 'ok', 'resolved'],
  ]],
  ['repeat_every reminds while firing', rule({ repeatEveryMs: 2 * MIN }), [
    [true, 'firing', 'firing'], [true, 'firing', null], [true, 'firing', 'reminder'], [true, 'firing', null], [true, 'firing', 'reminder'], [false, 'ok', 'resolved'],
  ]],
];

describe('alert state machine', () => {
  it.each(CASES)('%s', (_name, r, ticks) => {
    expect(run(r, ticks)).toEqual(ticks);
  });

  it('stops reminders once acknowledged, still notifies the resolution, and clears the mark', () => {
    const r = rule({ repeatEveryMs: MIN });
    const ticks: Tick[] = [[true, 'firing', 'firing'], [true, 'firing', 'reminder'], [true, 'firing', null], [true, 'firing', null], [false, 'ok', 'resolved']];
    expect(run(r, ticks, INITIAL_STATE, 2)).toEqual(ticks);
    let state = INITIAL_STATE;
    for (const [i, met] of [true, false].entries()) {
      state = step(i === 1 ? { ...state, acknowledged: true } : state, { at: i * MIN, met }, r).next;
    }
    expect(state.acknowledged).toBe(false);
  });

  it('resumes after a restart from the persisted state: a firing alert is not notified again, a pending one keeps its start', () => {
    const r = rule({ forMs: 3 * MIN });
    const firing = step(INITIAL_STATE, { at: 0, met: true }, rule()).next;
    const restored: MachineState = JSON.parse(JSON.stringify(firing));
    expect(step(restored, { at: MIN, met: true }, rule()).notify).toBeNull();
    const pending = step(INITIAL_STATE, { at: 0, met: true }, r).next;
    const restoredPending: MachineState = JSON.parse(JSON.stringify(pending));
    expect(step(restoredPending, { at: 2 * MIN, met: true }, r)).toMatchObject({ next: { state: 'pending', since: 0 }, notify: null });
    expect(step(restoredPending, { at: 3 * MIN, met: true }, r)).toMatchObject({ next: { state: 'firing' }, notify: 'firing' });
  });
});
