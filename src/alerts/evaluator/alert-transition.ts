import { AlertRule } from '../rules/alert-rule';
import { AlertGroupState, StateCommit, TriggeredAlert } from '../state/alert-state';
import { INITIAL_STATE, MachineState, Notification, step } from '../state/alert-state-machine';

/** How many evaluations a state keeps for the sparkline. */
export const RECENT_VALUES = 30;

export interface Planned {
  commit: StateCommit;
  notify: Notification | null;
  /** The triggered alert after this evaluation (null once back to ok without one). */
  alert: TriggeredAlert | null;
}

export interface Evaluated {
  group: string | null;
  value: number | null;
  /** Null when there was no data to judge. */
  met: boolean | null;
}

/**
 * What one evaluation of one group changes: the next machine state, the triggered alert it
 * opens, updates or closes, and the history event of a state change. Pure: the caller
 * commits it with compare-and-set and notifies only if its commit won.
 */
export function planTransition(
  rule: AlertRule,
  prev: AlertGroupState | null,
  current: TriggeredAlert | null,
  evaluated: Evaluated,
  now: number,
  newId: () => string,
): Planned {
  const machine: MachineState = prev ?? INITIAL_STATE;
  const { next, notify } = step(machine, { at: now, met: evaluated.met }, rule);
  const { group, value } = evaluated;
  let alert: TriggeredAlert | null = null;
  let deleteAlertId: string | undefined;
  if (next.state !== 'ok') {
    const base = machine.state !== 'ok' && current ? current : openAlert(rule, group, now, newId());
    alert = {
      ...base, state: next.state, value, lastEvaluatedAt: now, severity: rule.severity, ruleName: rule.name,
      firedAt: next.state === 'firing' ? (base.firedAt ?? now) : null,
    };
  } else if (machine.state === 'pending' && prev?.alertId) {
    // It never fired: nothing was triggered. The history keeps pending → ok.
    deleteAlertId = prev.alertId;
  } else if (machine.state === 'firing' && current) {
    alert = { ...current, state: 'resolved', value, lastEvaluatedAt: now, resolvedAt: now };
  }
  const changed = next.state !== machine.state;
  const state: StateCommit['state'] = {
    ...next,
    tenantId: rule.tenantId, ruleId: rule.id, groupKey: group ?? '', group,
    alertId: next.state === 'ok' ? null : alert!.id,
    lastValue: value, lastEvaluatedAt: now,
    recent: [...(prev?.recent ?? []), [now, value] as [number, number | null]].slice(-RECENT_VALUES),
    // Notifications committed earlier and not handed to the outbox yet stay until they are.
    unsent: prev?.unsent ?? [],
  };
  const commit: StateCommit = {
    state,
    expectedVersion: prev?.version ?? null,
    ...(alert ? { alert } : {}),
    ...(deleteAlertId ? { deleteAlertId } : {}),
    ...(changed ? {
      event: {
        id: newId(), tenantId: rule.tenantId, ruleId: rule.id, alertId: alert?.id ?? prev?.alertId ?? null, group,
        from: machine.state, to: next.state, value, cause: evaluated.met === null ? 'evaluator (no data)' : 'evaluator', note: null, at: now,
      },
    } : {}),
  };
  return { commit, notify, alert };
}

function openAlert(rule: AlertRule, group: string | null, now: number, id: string): TriggeredAlert {
  return {
    id, tenantId: rule.tenantId, ruleId: rule.id, ruleName: rule.name, group, groupBy: rule.groupBy, state: 'pending', severity: rule.severity,
    value: null, operator: rule.condition.operator, threshold: rule.condition.threshold, query: rule.query, windowMs: rule.condition.windowMs,
    startedAt: now, firedAt: null, resolvedAt: null, lastEvaluatedAt: now, acknowledgedAt: null, acknowledgedBy: null, acknowledgeNote: null,
    resolvedBy: null, resolveNote: null,
  };
}
