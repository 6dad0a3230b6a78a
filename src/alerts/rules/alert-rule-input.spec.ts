import { BadRequestException } from '@nestjs/common';
import { AlertRule } from './alert-rule';
import { parseNewRule, parseRuleChanges, ruleToBody } from './alert-rule-input';

const fieldOf = (body: Record<string, unknown>): string => {
  try {
    parseNewRule(body);
  } catch (error) {
    if (error instanceof BadRequestException) return (error.getResponse() as { field: string }).field;
    throw error;
  }
  throw new Error('accepted');
};

const valid = { name: 'Errors', query: 'level:ERROR', condition: { operator: '>', threshold: 10, window: '5m' } };

describe('alert rule input', () => {
  it('fills the defaults of a minimal rule', () => {
    expect(parseNewRule(valid)).toEqual({
      inlineChannel: null,
      definition: {
        name: 'Errors', description: null, query: 'level:ERROR', levels: [], services: [],
        aggregation: { type: 'count', field: null }, condition: { operator: '>', threshold: 10, windowMs: 300_000 },
        groupBy: null, intervalMs: 60_000, forMs: 0, keepFiringForMs: 0, noData: 'ok', severity: 'warning',
        channelIds: [], repeatEveryMs: null, enabled: true,
      },
    });
  });

  it('reads every field of the Lognest shape', () => {
    const { definition } = parseNewRule({
      ...valid, description: 'd', levels: ['err', 'CRITICAL'], services: ['api'], aggregation: { type: 'p95', field: 'response_time_ms' },
      group_by: 'service', interval: '30s', for: '2m', keep_firing_for: '1h30m', no_data: 'alerting', severity: 'critical',
      channels: ['c1'], repeat_every: '4h', enabled: false,
    });
    expect(definition).toMatchObject({
      levels: ['ERROR', 'CRITICAL'], aggregation: { type: 'p95', field: 'response_time_ms' }, groupBy: 'service', intervalMs: 30_000,
      forMs: 120_000, keepFiringForMs: 5_400_000, noData: 'alerting', severity: 'critical', channelIds: ['c1'], repeatEveryMs: 14_400_000, enabled: false,
    });
  });

  it("accepts seed 002's shape, with its inline channel", () => {
    const input = parseNewRule({
      name: 'Critical Error Spike', description: 'Alert when errors exceed threshold', condition: 'greater_than', threshold: 50, time_window: 5,
      levels: ['ERROR'], services: ['payment-service'], notification_channel: 'webhook', notification_config: { url: 'https://hooks.example.com/x' },
      is_active: true,
    });
    expect(input.definition).toMatchObject({ condition: { operator: '>', threshold: 50, windowMs: 300_000 }, levels: ['ERROR'], services: ['payment-service'], enabled: true });
    expect(input.inlineChannel).toEqual({ type: 'webhook', config: { url: 'https://hooks.example.com/x' } });
    expect(parseNewRule({ name: 'x', condition: 'less_than_or_equal', threshold: '3', is_active: false }).definition).toMatchObject({
      condition: { operator: '<=', threshold: 3 }, enabled: false,
    });
  });

  it('reads an anomaly rule: the detector metric, method and direction, firing on any anomaly by default', () => {
    const { definition } = parseNewRule({ name: 'Odd volume', aggregation: { type: 'anomaly' }, group_by: 'service' });
    expect(definition).toMatchObject({
      aggregation: { type: 'anomaly', field: null, anomaly: { metric: 'log_volume', method: 'auto', direction: 'any' } },
      condition: { operator: '>', threshold: 0, windowMs: 300_000 }, groupBy: 'service',
    });
    const strict = parseNewRule({ name: 'x', aggregation: { type: 'anomaly', metric: 'error_rate', method: 'seasonal', direction: 'spike' }, condition: { threshold: 4, window: '10m' } });
    expect(strict.definition).toMatchObject({ aggregation: { anomaly: { metric: 'error_rate', method: 'seasonal', direction: 'spike' } }, condition: { operator: '>', threshold: 4, windowMs: 600_000 } });
    expect(ruleToBody(strict.definition).aggregation).toEqual({ type: 'anomaly', metric: 'error_rate', method: 'seasonal', direction: 'spike' });
    // Back to a count: the anomaly settings go with the type.
    const rule = { ...strict.definition, id: 'r', tenantId: 't', ownerId: null, ownerName: 'x', createdAt: 0, updatedAt: 0, timesFired: 0, lastFiredAt: null } as AlertRule;
    expect(parseRuleChanges(rule, { aggregation: { type: 'count' } }).definition.aggregation).toEqual({ type: 'count', field: null });
  });

  it("accepts seed 001's shape", () => {
    const { definition } = parseNewRule({ name: 'High Error Rate', query: 'level:error', condition: { threshold: 10, window: '5m', operator: '>' }, severity: 'critical', enabled: true });
    expect(definition).toMatchObject({ query: 'level:error', condition: { operator: '>', threshold: 10, windowMs: 300_000 }, severity: 'critical' });
  });

  it.each<[string, Record<string, unknown>]>([
    ['name', { ...valid, name: '' }],
    ['query', { ...valid, query: 'level:(ERROR' }],
    ['query', { ...valid, query: 'status_code:abc' }],
    ['levels', { ...valid, levels: ['loud'] }],
    ['condition', { name: 'x' }],
    ['condition.operator', { ...valid, condition: { operator: '!=', threshold: 1 } }],
    ['condition.threshold', { ...valid, condition: { operator: '>' } }],
    ['condition.window', { ...valid, condition: { threshold: 1, window: '30s' } }],
    ['condition.window', { ...valid, condition: { threshold: 1, window: '25h' } }],
    ['threshold', { name: 'x', condition: 'greater_than', threshold: 'many' }],
    ['time_window', { name: 'x', condition: 'greater_than', threshold: 1, time_window: 0 }],
    ['condition', { name: 'x', condition: 'bigger', threshold: 1 }],
    ['is_active', { name: 'x', condition: 'equals', threshold: 1, is_active: 'yes' }],
    ['aggregation.type', { ...valid, aggregation: { type: 'sum' } }],
    ['aggregation.metric', { ...valid, aggregation: { type: 'anomaly', metric: 'cpu' } }],
    ['aggregation.method', { ...valid, aggregation: { type: 'anomaly', method: 'magic' } }],
    ['aggregation.direction', { ...valid, aggregation: { type: 'anomaly', direction: 'up' } }],
    ['aggregation.field', { ...valid, aggregation: { type: 'anomaly', field: 'response_time_ms' } }],
    ['aggregation.metric', { ...valid, aggregation: { type: 'count', metric: 'log_volume' } }],
    ['group_by', { ...valid, aggregation: { type: 'anomaly' }, group_by: 'endpoint' }],
    ['aggregation.field', { ...valid, aggregation: { type: 'avg', field: 'service' } }],
    ['aggregation.field', { ...valid, aggregation: { type: 'unique_count' } }],
    ['aggregation.field', { ...valid, aggregation: { type: 'count', field: 'service' } }],
    ['group_by', { ...valid, group_by: 'response_time_ms' }],
    ['interval', { ...valid, interval: '1s' }],
    ['for', { ...valid, for: 'soon' }],
    ['no_data', { ...valid, no_data: 'maybe' }],
    ['severity', { ...valid, severity: 'error' }],
    ['channels', { ...valid, channels: [1] }],
    ['repeat_every', { ...valid, repeat_every: '10s' }],
    ['enabled', { ...valid, enabled: 'true' }],
    ['notification_config', { ...valid, notification_channel: 'webhook', notification_config: 'x' }],
  ])('names %s in a 400', (field, body) => {
    expect(fieldOf(body)).toBe(field);
  });

  it('gives the position of a query syntax error', () => {
    try {
      parseNewRule({ ...valid, query: 'a AND (b' });
      throw new Error('accepted');
    } catch (error) {
      expect((error as BadRequestException).getResponse()).toMatchObject({ field: 'query', position: expect.any(Number) });
    }
  });

  it('applies changes over the stored rule, round-tripping its own shape', () => {
    const rule: AlertRule = {
      ...parseNewRule({ ...valid, group_by: 'service', for: '5m' }).definition,
      id: 'r1', tenantId: 't', ownerId: 'u', ownerName: 'u', createdAt: 1, updatedAt: 1, timesFired: 0, lastFiredAt: null,
    };
    expect(parseNewRule(ruleToBody(rule)).definition).toEqual(parseNewRule({ ...valid, group_by: 'service', for: '5m' }).definition);
    const changed = parseRuleChanges(rule, { condition: { threshold: 99 }, enabled: false }).definition;
    expect(changed).toMatchObject({ condition: { operator: '>', threshold: 99, windowMs: 300_000 }, groupBy: 'service', forMs: 300_000, enabled: false });
    expect(parseRuleChanges(rule, { condition: 'less_than', threshold: 2 }).definition.condition).toEqual({ operator: '<', threshold: 2, windowMs: 300_000 });
  });
});
