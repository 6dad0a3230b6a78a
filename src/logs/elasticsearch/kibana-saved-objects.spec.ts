import * as fs from 'node:fs';
import * as path from 'node:path';
import { indexMappings } from './elasticsearch-schema';

// kibana/lognest-saved-objects.ndjson is imported by the compose stack through Kibana's saved
// objects API; Kibana cannot run here, so this checks what an import would trip over.
const FILE = path.join(__dirname, '../../../kibana/lognest-saved-objects.ndjson');

type SavedObject = { type: string; id: string; attributes: Record<string, unknown>; references: Array<{ name: string; type: string; id: string }> };
type Mapping = { type?: string; properties?: Record<string, Mapping>; fields?: Record<string, Mapping> };

/** Every field path of the index mapping, with its type (sub-fields as `message.raw`). */
function mappedFields(properties: Record<string, Mapping>, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, m] of Object.entries(properties)) {
    const full = prefix + name;
    if (m.properties) for (const [k, v] of mappedFields(m.properties, `${full}.`)) out.set(k, v);
    else out.set(full, m.type ?? 'object');
    for (const [sub, s] of Object.entries(m.fields ?? {})) out.set(`${full}.${sub}`, s.type ?? 'object');
  }
  return out;
}

/** Field names of a KQL query (`level:ERROR or level:CRITICAL` → level). */
function kqlFields(query: string): string[] {
  return [...query.matchAll(/([A-Za-z_@][\w.@]*)\s*:/g)].map((m) => m[1]);
}

const objects: SavedObject[] = fs.readFileSync(FILE, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
const fields = mappedFields(indexMappings().properties as Record<string, Mapping>);
const byId = new Map(objects.map((o) => [`${o.type}:${o.id}`, o]));

function referencedFields(o: SavedObject): string[] {
  const a = o.attributes;
  const out: string[] = [];
  if (typeof a.timeFieldName === 'string') out.push(a.timeFieldName);
  if (Array.isArray(a.columns)) out.push(...(a.columns as string[]));
  if (Array.isArray(a.sort)) out.push(...(a.sort as string[][]).map((s) => s[0]));
  const meta = a.kibanaSavedObjectMeta as { searchSourceJSON?: string } | undefined;
  if (meta?.searchSourceJSON) out.push(...kqlFields(JSON.parse(meta.searchSourceJSON).query?.query ?? ''));
  if (typeof a.visState === 'string') {
    const vis = JSON.parse(a.visState);
    for (const agg of vis.aggs ?? []) if (agg.params?.field) out.push(agg.params.field);
    if (vis.type === 'metrics') {
      out.push(vis.params.time_field);
      for (const series of vis.params.series) {
        for (const metric of series.metrics) for (const q of [metric.numerator, metric.denominator]) if (q) out.push(...kqlFields(q.query));
      }
    }
  }
  return out;
}

describe('kibana/lognest-saved-objects.ndjson', () => {
  it('is saved objects: a data view on the Lognest alias, a Discover search and a dashboard of seed 000 visualizations', () => {
    for (const o of objects) {
      expect(typeof o.type).toBe('string');
      expect(o.id).toMatch(/^[a-z0-9-]+$/);
      expect(typeof o.attributes.title).toBe('string');
      expect(Array.isArray(o.references)).toBe(true);
    }
    expect(new Set(objects.map((o) => `${o.type}:${o.id}`)).size).toBe(objects.length);
    const view = objects.find((o) => o.type === 'index-pattern');
    expect(view?.attributes).toMatchObject({ title: 'lognest-logs', timeFieldName: '@timestamp' });
    expect(objects.some((o) => o.type === 'search')).toBe(true);
    const dashboard = objects.find((o) => o.type === 'dashboard') as SavedObject;
    const titles = dashboard.references.map((r) => (byId.get(`${r.type}:${r.id}`)?.attributes.title as string) ?? '');
    for (const wanted of ['volume over time', 'top endpoints', 'status codes', 'error rate']) expect(titles.join('|')).toContain(wanted);
  });

  it('resolves every reference and dashboard panel within the file', () => {
    for (const o of objects) {
      for (const r of o.references) expect(byId.has(`${r.type}:${r.id}`)).toBe(true);
      const meta = o.attributes.kibanaSavedObjectMeta as { searchSourceJSON?: string } | undefined;
      const refName = meta?.searchSourceJSON ? JSON.parse(meta.searchSourceJSON).indexRefName : undefined;
      if (refName) expect(o.references.map((r) => r.name)).toContain(refName);
    }
    const dashboard = objects.find((o) => o.type === 'dashboard') as SavedObject;
    const panels = JSON.parse(dashboard.attributes.panelsJSON as string) as Array<{ panelRefName: string; gridData: { i: string } }>;
    expect(panels.length).toBeGreaterThanOrEqual(4);
    for (const p of panels) expect(dashboard.references.map((r) => r.name)).toContain(p.panelRefName);
  });

  it('references only fields of the index template mapping, dates where a time field is expected', () => {
    const used = objects.flatMap((o) => referencedFields(o).map((f) => ({ object: o.id, field: f })));
    expect(used.length).toBeGreaterThan(10);
    expect(used.filter((u) => !fields.has(u.field))).toEqual([]);
    expect(fields.get('@timestamp')).toBe('date');
  });
});
