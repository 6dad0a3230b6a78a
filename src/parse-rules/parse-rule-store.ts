import { SavedParseRule, SavedParseRuleChanges } from './parse-rule-record';

/** Another rule of the tenant already has this name. */
export class DuplicateRuleNameError extends Error {
  constructor(readonly ruleName: string) {
    super(`A parsing rule named ${ruleName} already exists`);
    this.name = 'DuplicateRuleNameError';
  }
}

/**
 * Saved parsing rules of a tenant. Every read and write names the tenant: another tenant's rule
 * is absent, exactly like an unknown id. Names are unique per tenant (create and update throw
 * DuplicateRuleNameError).
 */
export abstract class ParseRuleStore {
  abstract create(rule: SavedParseRule): Promise<void>;
  /** The tenant's rules by name. */
  abstract list(tenantId: string): Promise<SavedParseRule[]>;
  abstract get(tenantId: string, id: string): Promise<SavedParseRule | null>;
  abstract findByName(tenantId: string, name: string): Promise<SavedParseRule | null>;
  /** The rule saved for a service (the latest updated when several name it). */
  abstract findByService(tenantId: string, service: string): Promise<SavedParseRule | null>;
  abstract update(tenantId: string, id: string, changes: SavedParseRuleChanges): Promise<SavedParseRule | null>;
  abstract delete(tenantId: string, id: string): Promise<boolean>;
}
