// Request bodies of the saved-rule API: `{name, service, description}` and the rule fields
// (`format`, `pattern`, `pattern_type`, `timestamp_format`) that ruleFromBody reads.

import { nameParam, optionalTextParam } from '../platform/http/bad-request';
import { badParameter } from '../platform/http/bad-request';
import { SavedParseRule } from './parse-rule-record';
import { ruleFromBody, toApiRule } from './parse-rule-params';
import { NewParseRule, ParseRuleEdit } from './parse-rules.service';

const RULE_KEYS = ['format', 'pattern', 'pattern_type', 'timestamp_format'];

export function parseNewRule(body: Record<string, unknown>): NewParseRule {
  const spec = ruleFromBody(body);
  if (!spec) throw badParameter('pattern', 'a format or a pattern is required');
  return {
    name: nameParam(body.name, 'name', 100),
    service: optionalTextParam(body.service, 'service', 200),
    description: optionalTextParam(body.description, 'description', 2000),
    spec,
  };
}

/** Only what the body names changes; any rule field replaces the whole rule. */
export function parseRuleEdit(body: Record<string, unknown>): ParseRuleEdit {
  const edit: ParseRuleEdit = {};
  if (body.name !== undefined) edit.name = nameParam(body.name, 'name', 100);
  if (body.service !== undefined) edit.service = optionalTextParam(body.service, 'service', 200);
  if (body.description !== undefined) edit.description = optionalTextParam(body.description, 'description', 2000);
  if (RULE_KEYS.some((k) => body[k] !== undefined)) {
    const spec = ruleFromBody(body);
    if (!spec) throw badParameter('pattern', 'a format or a pattern is required');
    edit.spec = spec;
  }
  return edit;
}

export function toApiSavedRule(r: SavedParseRule) {
  return {
    id: r.id, name: r.name, service: r.service, description: r.description, ...toApiRule(r.spec),
    created_by: r.createdBy, created_at: new Date(r.createdAt).toISOString(), updated_at: new Date(r.updatedAt).toISOString(),
  };
}
