import { ParseRuleSpec } from '../ingest/parsers/rules/parse-rule';

/** A parsing rule saved by a tenant under a name, optionally the rule of one service's logs. */
export interface SavedParseRule {
  id: string;
  tenantId: string;
  name: string;
  /** Files of this service (upload `service`, watched subfolder) are read with the rule unless they name another. */
  service: string | null;
  description: string | null;
  spec: ParseRuleSpec;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

export type SavedParseRuleChanges = Partial<Pick<SavedParseRule, 'name' | 'service' | 'description' | 'spec'>> & { updatedAt: number };
