import { AlertRule, AlertRuleDefinition } from './alert-rule';

/**
 * Alert rules of a tenant. Every method names the tenant: another tenant's rule is absent,
 * exactly like an unknown id. Ownership (who may change a rule) is the service's concern.
 */
export abstract class AlertRuleStore {
  abstract create(rule: AlertRule): Promise<void>;
  abstract get(tenantId: string, id: string): Promise<AlertRule | null>;
  /** The tenant's rules, oldest first. */
  abstract list(tenantId: string): Promise<AlertRule[]>;
  /** The tenant's enabled rules: what the scheduler evaluates. */
  abstract listEnabled(tenantId: string): Promise<AlertRule[]>;
  /** Replaces the definition; statistics and owner stay. */
  abstract replace(tenantId: string, id: string, definition: AlertRuleDefinition, updatedAt: number): Promise<AlertRule | null>;
  abstract delete(tenantId: string, id: string): Promise<boolean>;
  /** Counts one more firing at `at` (rule statistics). */
  abstract recordFired(tenantId: string, id: string, at: number): Promise<void>;
}
