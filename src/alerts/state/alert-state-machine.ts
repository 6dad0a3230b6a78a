import { NoDataPolicy } from '../rules/alert-rule';

export type AlertStateName = 'ok' | 'pending' | 'firing';

/** Where one rule and group stands between evaluations; persisted, so a restart resumes it. */
export interface MachineState {
  state: AlertStateName;
  /** When the current state was entered (pending: the condition started holding). */
  since: number | null;
  /** While firing: when the condition stopped holding (keep_firing_for counts from here). */
  clearSince: number | null;
  lastNotifiedAt: number | null;
  /** A mark on a firing alert: reminders stop; cleared when it resolves. */
  acknowledged: boolean;
}

export const INITIAL_STATE: MachineState = { state: 'ok', since: null, clearSince: null, lastNotifiedAt: null, acknowledged: false };

/** One evaluation: whether the condition held, or null when there was no data to judge. */
export interface Observation {
  at: number;
  met: boolean | null;
}

export interface MachineRule {
  forMs: number;
  keepFiringForMs: number;
  noData: NoDataPolicy;
  repeatEveryMs: number | null;
}

export type Notification = 'firing' | 'resolved' | 'reminder';

export interface Step {
  next: MachineState;
  /** What to tell people: once on firing, once on resolving, reminders only when asked. */
  notify: Notification | null;
}

const stay = (prev: MachineState): Step => ({ next: prev, notify: null });

/**
 * The alert state machine, ok → pending → firing → ok, as a pure function of the previous
 * state, one observation and the rule's timings. Flapping inside `for` goes pending → ok and
 * notifies nothing; a firing alert resolves only after the condition stayed clear for
 * `keep_firing_for`.
 */
export function step(prev: MachineState, observation: Observation, rule: MachineRule): Step {
  const { at } = observation;
  const met = observation.met ?? rule.noData === 'alerting';
  switch (prev.state) {
    case 'ok':
      if (!met) return stay(prev);
      if (rule.forMs <= 0) return { next: { ...INITIAL_STATE, state: 'firing', since: at, lastNotifiedAt: at }, notify: 'firing' };
      return { next: { ...INITIAL_STATE, state: 'pending', since: at }, notify: null };
    case 'pending':
      if (!met) return { next: { ...INITIAL_STATE }, notify: null };
      if (at - (prev.since ?? at) < rule.forMs) return stay(prev);
      return { next: { ...INITIAL_STATE, state: 'firing', since: at, lastNotifiedAt: at }, notify: 'firing' };
    case 'firing': {
      if (met) {
        const base = prev.clearSince === null ? prev : { ...prev, clearSince: null };
        const due = rule.repeatEveryMs !== null && !prev.acknowledged && at - (prev.lastNotifiedAt ?? prev.since ?? at) >= rule.repeatEveryMs;
        return due ? { next: { ...base, lastNotifiedAt: at }, notify: 'reminder' } : { next: base, notify: null };
      }
      const clearSince = prev.clearSince ?? at;
      if (at - clearSince < rule.keepFiringForMs) return { next: { ...prev, clearSince }, notify: null };
      return { next: { ...INITIAL_STATE, since: at, lastNotifiedAt: at }, notify: 'resolved' };
    }
  }
}
