import { LiveMetrics } from './live-metrics';

const of = (...levels: string[]) => levels;

describe('LiveMetrics', () => {
  it('reports the last complete second, and errors and levels over the last minute', () => {
    let now = 100_000;
    const m = new LiveMetrics(() => now);
    m.count('t', of('INFO', 'ERROR'));
    now = 101_500;
    m.count('t', of('INFO', 'INFO', 'CRITICAL'));
    m.count('other', of('ERROR'));
    now = 102_200;
    expect(m.snapshot('t', 3)).toEqual({
      logs_per_second: 3, errors_per_minute: 2, connected_users: 3, by_level: { INFO: 3, ERROR: 1, CRITICAL: 1 }, timestamp: new Date(102_200).toISOString(),
    });
    now = 160_500; // the first second has left the window
    expect(m.snapshot('t', 1)).toMatchObject({ logs_per_second: 0, errors_per_minute: 1, by_level: { INFO: 2, CRITICAL: 1 } });
    m.forget('t');
    expect(m.snapshot('t', 0)).toMatchObject({ errors_per_minute: 0, by_level: {} });
  });
});
