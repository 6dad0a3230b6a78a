import { LogRecord } from '../logs/log-record';
import { compileLiveFilter } from './live-filter';
import { LiveSubscriber } from './live-subscriber';
import { TenantSubscribers } from './tenant-subscribers';

const sink = { busy: () => false, unsentBytes: () => 0, send: () => undefined, dropped: () => undefined };
const subscriber = (filters?: Record<string, unknown>) => {
  const s = new LiveSubscriber('t', 'u', sink, 1000);
  if (filters) s.setFilter(compileLiveFilter('t', filters));
  return s;
};
const record = (service: string | null) => ({ id: 'r', tenantId: 't', timestamp: 0, level: 'INFO', message: 'm', service, fields: {}, tags: [] }) as unknown as LogRecord;

describe('TenantSubscribers', () => {
  const candidates = (set: TenantSubscribers, service: string | null) => {
    const out: LiveSubscriber[] = [];
    set.forCandidates(record(service), (s) => out.push(s));
    return out;
  };

  it('offers a record to the subscribers of its service and to those that pin none', () => {
    const set = new TenantSubscribers();
    const api = subscriber({ service: 'api' });
    const apiOrWeb = subscriber({ query: 'service:(api OR web) AND level:ERROR' });
    const any = subscriber({ query: 'timeout' });
    const none = subscriber();
    [api, apiOrWeb, any, none].forEach((s) => set.add(s));
    expect(set.size).toBe(4);
    expect(candidates(set, 'api')).toEqual([api, apiOrWeb, any]);
    expect(candidates(set, 'web')).toEqual([apiOrWeb, any]);
    expect(candidates(set, null)).toEqual([any]);
  });

  it('refiles a subscriber whose filter changes, and forgets one that leaves', () => {
    const set = new TenantSubscribers();
    const s = subscriber();
    set.add(s);
    expect(candidates(set, 'api')).toEqual([]);
    s.setFilter(compileLiveFilter('t', { service: 'api' }));
    expect(candidates(set, 'api')).toEqual([s]);
    s.setFilter(compileLiveFilter('t', { query: 'service:web' }));
    expect(candidates(set, 'api')).toEqual([]);
    expect(candidates(set, 'web')).toEqual([s]);
    expect(set.delete(s)).toBe(true);
    expect(candidates(set, 'web')).toEqual([]);
    s.setFilter(compileLiveFilter('t', {}));
    expect(candidates(set, 'web')).toEqual([]);
    expect(set.size).toBe(0);
  });
});
