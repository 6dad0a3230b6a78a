import { QueryNode } from './query-ast';
import { fieldKind } from './query-values';

/**
 * The values a keyword field must have for a record to match `node`, or null when the query
 * does not pin the field (Loki's and VictoriaLogs' literal prefilter, for rows): a record
 * whose field text is not in the set cannot match, so a caller may skip the predicate. Sound
 * with record-predicate.ts, where a term or phrase on a keyword field is `fieldText === value`.
 */
export function requiredValues(node: QueryNode, field: string): ReadonlySet<string> | null {
  if (fieldKind(field) !== 'keyword') return null;
  return required(node, field);
}

function required(node: QueryNode, field: string): Set<string> | null {
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return node.field === field ? new Set([node.value]) : null;
    case 'and': {
      // Every child must hold: any child's set is a bound; the smallest is the best one.
      let best: Set<string> | null = null;
      for (const child of node.children) {
        const set = required(child, field);
        if (set && (best === null || set.size < best.size)) best = set;
      }
      return best;
    }
    case 'or': {
      const union = new Set<string>();
      for (const child of node.children) {
        const set = required(child, field);
        if (set === null) return null;
        set.forEach((v) => union.add(v));
      }
      return union;
    }
    default:
      return null;
  }
}
