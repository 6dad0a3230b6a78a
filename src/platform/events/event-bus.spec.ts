import { DomainEvent } from './domain-events';
import { EventBus } from './event-bus';

const ingested = (tenantId: string): DomainEvent => ({ type: 'logs.ingested', tenantId, count: 1 });

describe('EventBus', () => {
  it('delivers to every handler of the type, even when one throws', () => {
    const bus = new EventBus();
    const seen: string[] = [];
    bus.on('logs.ingested', () => {
      throw new Error('mine');
    });
    bus.on('logs.ingested', (e) => seen.push(e.tenantId));
    bus.on('logs.deleted', () => seen.push('wrong type'));
    bus.publish(ingested('a'));
    expect(seen).toEqual(['a']);
  });

  it('gives a handler with a tenant interest only those tenants, and says who is wanted', () => {
    const bus = new EventBus();
    const seen: string[] = [];
    const off = bus.on('logs.ingested', (e) => seen.push(e.tenantId), (t) => t === 'a');
    expect(bus.wants('logs.ingested', 'a')).toBe(true);
    expect(bus.wants('logs.ingested', 'b')).toBe(false);
    expect(bus.wants('logs.committed', 'a')).toBe(false);
    bus.publish(ingested('b'));
    bus.publish(ingested('a'));
    expect(seen).toEqual(['a']);
    off();
    expect(bus.wants('logs.ingested', 'a')).toBe(false);
    bus.on('logs.ingested', () => undefined);
    expect(bus.wants('logs.ingested', 'b')).toBe(true);
  });
});
