// Which index tokens a record must hold for a query to match it (docs/decisions/0130): a
// tree of `word` / `field` tokens under AND and OR, or null where a part of the query can
// match a record without any known token (a negation, a wildcard, a range, a non-ASCII
// word, a field the index does not cover). Only a necessary condition: the exact predicate
// still decides, so a requirement may be weaker than the query, never stronger.
//
// A word or phrase matches whole words (word-pattern.ts): every run of word characters in the
// query's text is then a whole word of the message, so each ASCII run is required. An exact
// keyword match (`correlation_id:"…"`) requires `field=value` when the field is indexed.
import { QueryNode } from '../query/query-ast';
import { fieldKind } from '../query/query-values';
import { phraseWords } from '../query/word-pattern';
import { fieldToken, INDEXED_FIELDS, indexedWord } from './duckdb-token-index';

export type Requirement =
  | { kind: 'word' | 'field'; token: string }
  | { kind: 'and' | 'or'; children: Requirement[] };

const INDEXED = new Set<string>(INDEXED_FIELDS);

export function tokenRequirement(node: QueryNode): Requirement | null {
  switch (node.kind) {
    case 'and': {
      const known = node.children.map(tokenRequirement).filter((r): r is Requirement => r !== null);
      return all(known);
    }
    case 'or': {
      const children = node.children.map(tokenRequirement);
      return children.some((c) => c === null) ? null : { kind: 'or', children: children as Requirement[] };
    }
    case 'term':
    case 'phrase':
      return leafRequirement(node.field, node.value);
    default:
      return null;
  }
}

function leafRequirement(field: string | null, value: string): Requirement | null {
  if (fieldKind(field) === 'text') {
    const words = phraseWords(value).map(indexedWord).filter((w): w is string => w !== null);
    return all(words.map((token) => ({ kind: 'word', token })));
  }
  return field !== null && INDEXED.has(field) ? { kind: 'field', token: fieldToken(field, value) } : null;
}

function all(children: Requirement[]): Requirement | null {
  if (children.length === 0) return null;
  return children.length === 1 ? children[0] : { kind: 'and', children };
}
