import { LogScope } from '../../logs/log-scope';
import { QueryNode } from '../../logs/query/query-ast';
import { parseQuery } from '../../logs/query/query-parser';
import { AlertRuleDefinition } from '../rules/alert-rule';

const exact = (field: string, value: string): QueryNode => ({ kind: 'phrase', field, value, position: 0 });
const anyOf = (field: string, values: string[]): QueryNode =>
  values.length === 1 ? exact(field, values[0]) : { kind: 'or', children: values.map((v) => exact(field, v)) };

type ScopedRule = Pick<AlertRuleDefinition, 'query' | 'levels' | 'services' | 'groupBy'>;

/** The records a rule reads: its query AND its levels AND its services (AND one group's value). */
export function ruleQuery(rule: ScopedRule, group: string | null = null): QueryNode {
  const parts: QueryNode[] = [];
  const parsed = parseQuery(rule.query);
  if (parsed.kind !== 'match_all') parts.push(parsed);
  if (rule.levels.length > 0) parts.push(anyOf('level', rule.levels));
  if (rule.services.length > 0) parts.push(anyOf('service', rule.services));
  if (group !== null && rule.groupBy !== null) parts.push(exact(rule.groupBy, group));
  return parts.length === 0 ? { kind: 'match_all' } : parts.length === 1 ? parts[0] : { kind: 'and', children: parts };
}

/** The window a rule evaluated at `end` covers: (end − window, end], both scope ends inclusive. */
export function ruleWindow(windowMs: number, end: number): { from: number; to: number } {
  return { from: end - windowMs + 1, to: end };
}

export function ruleScope(tenantId: string, rule: ScopedRule & { condition: { windowMs: number } }, end: number, group: string | null = null): LogScope {
  return { tenantId, query: ruleQuery(rule, group), ...ruleWindow(rule.condition.windowMs, end) };
}

const quoted = (value: string) => `"${value.replace(/[\\"]/g, '\\$&')}"`;

/** The same records as a query text, for a link to the search page. */
export function ruleQueryText(rule: ScopedRule, group: string | null = null): string {
  const parts: string[] = [];
  if (rule.query.trim() !== '') parts.push(`(${rule.query})`);
  if (rule.levels.length > 0) parts.push(`level:(${rule.levels.map(quoted).join(' OR ')})`);
  if (rule.services.length > 0) parts.push(`service:(${rule.services.map(quoted).join(' OR ')})`);
  if (group !== null && rule.groupBy !== null) parts.push(`${rule.groupBy}:${quoted(group)}`);
  return parts.join(' AND ');
}

/** A link to the search page showing the records behind an alert's window. */
export function searchLink(baseUrl: string, rule: ScopedRule, group: string | null, windowMs: number, end: number): string {
  const { from, to } = ruleWindow(windowMs, end);
  const params = new URLSearchParams({ q: ruleQueryText(rule, group), range: 'custom', from: new Date(from).toISOString(), to: new Date(to).toISOString() });
  return `${baseUrl}/search?${params}`;
}
