// Reads an Elasticsearch bulk body: action lines are parsed (they are small), document lines
// are passed on as text with `_index` (and a client `_id`) spliced in, so the documents are
// parsed once, by the ingest pipeline, like any NDJSON body.

export type BulkAction = 'index' | 'create' | 'update' | 'delete';

export interface EsItemError {
  status: number;
  type: string;
  reason: string;
}

export interface BulkItem {
  action: BulkAction;
  index: string;
  id: string | null;
  /** Set when the item was refused before ingest (unsupported action, no index). */
  error?: EsItemError;
  /** Position of the document in its index's group, for mapping results back. */
  slot?: number;
}

export interface ParsedBulk {
  items: BulkItem[];
  /** Document lines per target index, in item order. */
  groups: Map<string, string[]>;
}

/** The whole request is malformed: Elasticsearch answers 400 without items. */
export class BulkSyntaxError extends Error {}

const ACTIONS = new Set<string>(['index', 'create', 'update', 'delete']);

export function parseBulk(body: string, pathIndex: string | null): ParsedBulk {
  const lines = body.split('\n');
  const items: BulkItem[] = [];
  const groups = new Map<string, string[]>();
  let i = 0;
  const nextLine = (): string | null => {
    while (i < lines.length) {
      const line = lines[i++];
      if (line.trim().length > 0) return line;
    }
    return null;
  };
  for (let actionLine = nextLine(); actionLine !== null; actionLine = nextLine()) {
    const lineNo = i;
    const { action, meta } = readAction(actionLine, lineNo);
    const index = typeof meta._index === 'string' && meta._index ? meta._index : pathIndex;
    const id = typeof meta._id === 'string' || typeof meta._id === 'number' ? String(meta._id) : null;
    const item: BulkItem = { action, index: index ?? '', id };
    items.push(item);
    const source = action === 'delete' ? null : nextLine();
    if (action !== 'delete' && source === null) {
      throw new BulkSyntaxError(`The bulk request must be terminated by a newline [\\n]; action on line ${lineNo} has no document`);
    }
    if (action === 'update' || action === 'delete') {
      item.error = { status: 400, type: 'action_request_validation_exception', reason: `${action} is not supported: Lognest keeps logs append-only` };
    } else if (!index) {
      item.error = { status: 400, type: 'action_request_validation_exception', reason: 'index is missing' };
    } else {
      const group = groups.get(index) ?? [];
      groups.set(index, group);
      item.slot = group.length;
      group.push(withMeta(source!, index, id));
    }
  }
  if (items.length === 0) throw new BulkSyntaxError('request body is required');
  return { items, groups };
}

function readAction(line: string, lineNo: number): { action: BulkAction; meta: Record<string, unknown> } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new BulkSyntaxError(`Malformed action/metadata line [${lineNo}], expected START_OBJECT`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new BulkSyntaxError(`Malformed action/metadata line [${lineNo}], expected START_OBJECT`);
  }
  const keys = Object.keys(parsed);
  if (keys.length !== 1 || !ACTIONS.has(keys[0])) {
    throw new BulkSyntaxError(`Malformed action/metadata line [${lineNo}], expected one of index, create, update, delete but found [${keys.join(', ')}]`);
  }
  const meta = (parsed as Record<string, unknown>)[keys[0]];
  return { action: keys[0] as BulkAction, meta: meta !== null && typeof meta === 'object' ? (meta as Record<string, unknown>) : {} };
}

/**
 * `{"a":1}` → `{"_index":"logs","a":1}`. A document that is not an object is left as it is:
 * the pipeline rejects it with its reason. A document's own `_index` comes later and wins.
 */
export function withMeta(source: string, index: string, id: string | null): string {
  const text = source.trim();
  if (!text.startsWith('{')) return text;
  const head = `{"_index":${JSON.stringify(index)}` + (id === null ? '' : `,"_id":${JSON.stringify(id)}`);
  const rest = text.slice(1).trimStart();
  return rest.startsWith('}') ? head + rest : `${head},${rest}`;
}
