import { NotificationIntent } from '../outbox/notification-intent';
import { Operator, Severity } from '../rules/alert-rule';
import { MachineState } from './alert-state-machine';

/** The evaluation state of one rule and group (group key '' for an ungrouped rule). */
export interface AlertGroupState extends MachineState {
  tenantId: string;
  ruleId: string;
  groupKey: string;
  group: string | null;
  /** The triggered alert this state belongs to while pending or firing. */
  alertId: string | null;
  lastValue: number | null;
  lastEvaluatedAt: number | null;
  /** The latest evaluations, oldest first, for the rules page's sparkline. */
  recent: Array<[at: number, value: number | null]>;
  /** Notifications committed with a state change and not yet handed to the outbox (absent: none). */
  unsent?: NotificationIntent[];
  /** Bumped by every commit; a commit naming an older version is refused. */
  version: number;
}

export type TriggeredAlertState = 'pending' | 'firing' | 'resolved';

/** One episode of a rule and group: from the condition first holding to its resolution. */
export interface TriggeredAlert {
  id: string;
  tenantId: string;
  ruleId: string;
  ruleName: string;
  group: string | null;
  groupBy: string | null;
  state: TriggeredAlertState;
  severity: Severity;
  value: number | null;
  operator: Operator;
  threshold: number;
  /** The rule's scope, for the link to the matching records. */
  query: string;
  windowMs: number;
  startedAt: number;
  firedAt: number | null;
  resolvedAt: number | null;
  lastEvaluatedAt: number;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
  acknowledgeNote: string | null;
  resolvedBy: string | null;
  resolveNote: string | null;
}

/** A state change, with who or what caused it. */
export interface AlertEvent {
  id: string;
  tenantId: string;
  ruleId: string;
  alertId: string | null;
  group: string | null;
  from: string;
  to: string;
  value: number | null;
  /** `evaluator`, or `user:<name>` for an acknowledge or a manual resolve. */
  cause: string;
  note: string | null;
  at: number;
}

/** What one evaluation (or a user) changes, applied all or nothing. */
export interface StateCommit {
  state: Omit<AlertGroupState, 'version'>;
  /** The version read before deciding; null when no state existed. */
  expectedVersion: number | null;
  alert?: TriggeredAlert;
  deleteAlertId?: string;
  event?: AlertEvent;
}

export interface AlertFilter {
  state?: TriggeredAlertState | 'acknowledged';
  severity?: Severity;
  ruleId?: string;
}
