/**
 * Route templates learned from the endpoints themselves (docs/decisions/0120): `/api/products/42`
 * and `/api/products/7` are both `/api/products/{id}`. A path segment is an `{id}` when its
 * shape says so (digits, a UUID, a long hex string, a token with three or more digits), or a
 * `{value}` when the data does: a position under one prefix with more than MAX_STATIC_CHILDREN
 * distinct values keeps as literals only the values with at least FREQUENT_SHARE of the
 * prefix's requests (`/users/me` beside a thousand user names), the rest become `{value}`.
 */
export const PARAM = '{id}';
export const LEARNED = '{value}';
const MAX_STATIC_CHILDREN = 50;
const FREQUENT_SHARE = 0.05;
const ID_SHAPES = [
  /^\d+$/,
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /^(?=.*\d)[0-9a-f]{8,}$/i,
  /^(?:[^\d]*\d){3}/,
];

interface Node {
  count: number;
  children: Map<string, Node>;
  /** A crowded position: a value not seen while learning is its parameter too. */
  learned: boolean;
}

const node = (): Node => ({ count: 0, children: new Map(), learned: false });

/** The path without its query string or fragment, split into segments (a leading `/` kept as ''). */
function segments(path: string): string[] {
  const bare = path.replace(/[?#].*$/s, '');
  const parts = bare.split('/');
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

const shapeOf = (segment: string) => (segment !== '' && ID_SHAPES.some((re) => re.test(segment)) ? PARAM : segment);

function merge(into: Node, from: Node): void {
  into.count += from.count;
  for (const [key, child] of from.children) {
    const target = into.children.get(key);
    if (target) merge(target, child);
    else into.children.set(key, child);
  }
}

/** Folds the rare values of a crowded position into `{id}`, from the root down. */
function generalize(n: Node): void {
  if (n.children.size > MAX_STATIC_CHILDREN) {
    const param = node();
    for (const [key, child] of [...n.children]) {
      if (child.count >= n.count * FREQUENT_SHARE) continue;
      n.children.delete(key);
      merge(param, child);
    }
    if (param.count > 0) n.children.set(LEARNED, param);
    n.learned = true;
  }
  for (const child of n.children.values()) generalize(child);
}

/** Learns the templates of a set of paths weighed by their request counts; answers path → template. */
export function learnRouteTemplates(paths: { value: string; count: number }[]): (path: string) => string {
  const root = node();
  for (const { value, count } of paths) {
    let at = root;
    at.count += count;
    for (const segment of segments(value).map(shapeOf)) {
      let next = at.children.get(segment);
      if (!next) at.children.set(segment, (next = node()));
      next.count += count;
      at = next;
    }
  }
  generalize(root);
  return (path) => {
    let at: Node | undefined = root;
    const out: string[] = [];
    for (const raw of segments(path)) {
      const segment = shapeOf(raw);
      const literal: Node | undefined = at?.children.get(segment);
      const key = literal || !at?.learned ? segment : LEARNED;
      out.push(key);
      at = at?.children.get(key);
    }
    return out.join('/') || path;
  };
}

/**
 * An RE2 pattern that matches every path of the template (query string and trailing slash
 * allowed): an `{id}` is a segment with a digit, as every id shape has; a `{value}` any segment,
 * so its search also finds the literal values kept beside it.
 */
export function templatePattern(template: string): string {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const ids = (part: string) => part.split(PARAM).map(escape).join('[^/?#]*[0-9][^/?#]*');
  return template.split(LEARNED).map(ids).join('[^/?#]+') + '/?([?#].*)?';
}

/** The search query for a template's records: the path itself when it has no parameter. */
/** The search for records whose `field` is exactly `value`. */
export function literalQuery(value: string, field = 'endpoint'): string {
  return `${field}:"${value.replace(/(["\\])/g, '\\$1')}"`;
}

export function templateQuery(template: string, field = 'endpoint'): string {
  if (!template.includes(PARAM) && !template.includes(LEARNED)) return literalQuery(template, field);
  return `${field}:/${templatePattern(template).replace(/\//g, '\\/')}/`;
}

export interface RouteStat {
  route: string;
  count: number;
  /** Mean response time weighed by each path's requests; null when no path has one. */
  avgResponseTimeMs: number | null;
  p95ResponseTimeMs: number | null;
  /** Distinct paths grouped under the route. */
  paths: number;
}

/** Groups per-path term buckets into routes, most requested first. */
export function groupByRoute(terms: { value: string; count: number; avgResponseTimeMs?: number | null; p95ResponseTimeMs?: number | null }[]): RouteStat[] {
  const templateOf = learnRouteTemplates(terms);
  const routes = new Map<string, { stat: RouteStat; timed: number; sum: number }>();
  for (const t of terms) {
    const route = templateOf(t.value);
    const entry = routes.get(route) ?? { stat: { route, count: 0, avgResponseTimeMs: null, p95ResponseTimeMs: null, paths: 0 }, timed: 0, sum: 0 };
    entry.stat.count += t.count;
    entry.stat.paths += 1;
    entry.stat.p95ResponseTimeMs = entry.stat.paths === 1 ? (t.p95ResponseTimeMs ?? null) : null;
    if (t.avgResponseTimeMs !== null && t.avgResponseTimeMs !== undefined) {
      entry.timed += t.count;
      entry.sum += t.avgResponseTimeMs * t.count;
    }
    routes.set(route, entry);
  }
  return [...routes.values()]
    .map(({ stat, timed, sum }) => ({ ...stat, avgResponseTimeMs: timed ? sum / timed : null }))
    .sort((a, b) => b.count - a.count || (a.route < b.route ? -1 : a.route > b.route ? 1 : 0));
}
