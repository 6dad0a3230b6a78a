import { AlertEvent, AlertFilter, AlertGroupState, StateCommit, TriggeredAlert } from './alert-state';

/**
 * Evaluation state per rule and group, the triggered alerts and their history, in the
 * metadata store. `commit` is a compare-and-set on the state's version: of two evaluators
 * that read the same version, exactly one commit succeeds, and only its caller notifies.
 * Every method names the tenant.
 */
export abstract class AlertStateStore {
  abstract groupStates(tenantId: string, ruleId: string): Promise<AlertGroupState[]>;
  abstract groupState(tenantId: string, ruleId: string, groupKey: string): Promise<AlertGroupState | null>;
  /** Applies the commit if the stored version is still `expectedVersion`; false (and nothing written) otherwise. */
  abstract commit(tenantId: string, commit: StateCommit): Promise<boolean>;
  /** Triggered alerts, newest first. */
  abstract alerts(tenantId: string, filter: AlertFilter, offset: number, limit: number): Promise<{ total: number; alerts: TriggeredAlert[] }>;
  abstract alert(tenantId: string, id: string): Promise<TriggeredAlert | null>;
  /** State changes, newest first. */
  abstract events(tenantId: string, filter: { ruleId?: string; alertId?: string }, limit: number): Promise<AlertEvent[]>;
  /** Forgets the evaluation state of a deleted rule; its alerts and history stay. */
  abstract deleteRuleStates(tenantId: string, ruleId: string): Promise<void>;
}
