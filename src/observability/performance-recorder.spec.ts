import { PerformanceRecorder, timed } from './performance-recorder';

describe('PerformanceRecorder', () => {
  it('averages durations per name', () => {
    const r = new PerformanceRecorder();
    r.record('api', 'GET /api/stats', 10);
    r.record('api', 'GET /api/stats', 30);
    r.record('api', 'POST /api/search', 5);
    expect(r.averages('api')).toEqual({ 'GET /api/stats': 20, 'POST /api/search': 5 });
    expect(r.counts('api')).toEqual({ 'GET /api/stats': 2, 'POST /api/search': 1 });
    expect(r.averages('log_store')).toEqual({});
  });

  it('times the async methods of a wrapped object and keeps their results', async () => {
    const r = new PerformanceRecorder();
    class Store {
      factor = 2;
      async double(n: number) {
        await new Promise((done) => setTimeout(done, 5));
        return n * this.factor;
      }
      name() {
        return 'store';
      }
    }
    const store = timed(new Store(), r, 'log_store', 'duckdb');
    expect(await store.double(21)).toBe(42);
    expect(store.name()).toBe('store');
    expect(r.counts('log_store')).toEqual({ 'duckdb:double': 1 });
    expect(r.averages('log_store')['duckdb:double']).toBeGreaterThanOrEqual(4);
  });

  it('records failed calls too and rethrows', async () => {
    const r = new PerformanceRecorder();
    const store = timed({ async fail() { throw new Error('boom'); } }, r, 'metadata_store', 'sqlite');
    await expect(store.fail()).rejects.toThrow('boom');
    expect(r.counts('metadata_store')).toEqual({ 'sqlite:fail': 1 });
  });
});
