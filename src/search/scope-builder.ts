import { LogScope } from '../logs/log-scope';
import { parseQuery } from '../logs/query/query-parser';
import { QueryNode } from '../logs/query/query-ast';
import { SearchRequest } from './search-request';

const exact = (field: string, value: string): QueryNode => ({ kind: 'phrase', field, value, position: 0 });

const anyOf = (nodes: QueryNode[]): QueryNode => (nodes.length === 1 ? nodes[0] : { kind: 'or', children: nodes });

/**
 * The store scope of a search: the parsed `q` AND every filter field, in the caller's
 * tenant. Filters become query nodes, so every store answers them the same way.
 */
export function buildScope(tenantId: string, request: Pick<SearchRequest, 'q' | 'levels' | 'statusCodes' | 'endpoint' | 'server' | 'service' | 'environment' | 'from' | 'to'>): LogScope {
  const parts: QueryNode[] = [];
  const parsed = parseQuery(request.q);
  if (parsed.kind !== 'match_all') parts.push(parsed);
  if (request.levels.length > 0) parts.push(anyOf(request.levels.map((l) => exact('level', l))));
  if (request.statusCodes.length > 0) parts.push(anyOf(request.statusCodes.map((s) => ({ kind: 'term', field: 'status_code', value: String(s), position: 0 }))));
  for (const field of ['endpoint', 'server', 'service', 'environment'] as const) {
    const value = request[field];
    if (value !== null) parts.push(exact(field, value));
  }
  const query: QueryNode = parts.length === 0 ? { kind: 'match_all' } : parts.length === 1 ? parts[0] : { kind: 'and', children: parts };
  return { tenantId, query, from: request.from, to: request.to };
}
