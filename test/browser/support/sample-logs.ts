/**
 * Realistic-looking logs for browser tests and screenshots: a few services calling each
 * other under shared correlation ids, mostly INFO with some slow calls, 4xx/5xx and errors,
 * spread over the last `spanHours` hours before `now`. Deterministic for a given seed.
 */
const SERVICES = ['api-gateway', 'auth', 'payment', 'orders', 'inventory', 'notifications'];
const SERVERS = ['web-01', 'web-02', 'web-03', 'worker-01'];
const ENDPOINTS: [string, string, number][] = [
  ['GET', '/api/products', 40], ['GET', '/api/products/:id', 25], ['POST', '/api/orders', 180], ['GET', '/api/orders/:id', 60],
  ['POST', '/api/payments', 320], ['POST', '/api/auth/login', 90], ['GET', '/api/users/me', 20], ['PUT', '/api/cart', 70],
  ['GET', '/api/search', 140], ['POST', '/api/webhooks/stripe', 210],
];
const ERRORS = [
  'Payment provider timeout after 3000 ms', 'Connection reset by peer while reading response', 'Deadlock detected on table orders',
  'Invalid JWT signature for session', 'Inventory reservation failed: item out of stock', 'Upstream returned 502 Bad Gateway',
];
const WARNINGS = ['Slow query on orders.customer_id (%d ms)', 'Retrying request to payment (attempt 2)', 'Cache miss ratio above 40%', 'Rate limit at 80% for client'];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

export function sampleLogs(count: number, options: { now?: number; spanHours?: number; seed?: number } = {}): Record<string, unknown>[] {
  const now = options.now ?? Date.now();
  const span = (options.spanHours ?? 24) * 3_600_000;
  const random = rng(options.seed ?? 42);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const out: Record<string, unknown>[] = [];
  let i = 0;
  while (out.length < count) {
    // Busier during the "day": skew timestamps towards recent hours.
    const base = now - Math.floor(Math.pow(random(), 0.8) * span);
    const correlation = `req-${(i++).toString(36).padStart(6, '0')}`;
    const [method, endpointPattern, typical] = pick(ENDPOINTS);
    const endpoint = endpointPattern.replace(':id', String(1000 + Math.floor(random() * 9000)));
    const user = `user-${1 + Math.floor(random() * 180)}`;
    const hops = 1 + Math.floor(random() * 3);
    const failing = random() < 0.06;
    let t = base;
    for (let h = 0; h < hops && out.length < count; h++) {
      const service = h === 0 ? 'api-gateway' : pick(SERVICES.slice(1));
      const rt = Math.round(typical * (0.4 + random() * 1.6) * (random() < 0.03 ? 8 : 1));
      const last = h === hops - 1;
      const error = failing && last;
      const warn = !error && random() < 0.07;
      const status = error ? pick([500, 502, 503]) : random() < 0.08 ? pick([400, 401, 404, 409]) : random() < 0.05 ? 304 : method === 'POST' ? 201 : 200;
      out.push({
        timestamp: new Date(t).toISOString(),
        level: error ? (random() < 0.15 ? 'critical' : 'error') : warn ? 'warning' : random() < 0.1 ? 'debug' : 'info',
        message: error ? pick(ERRORS) : warn ? pick(WARNINGS).replace('%d', String(rt)) : `${method} ${endpoint} ${status} ${rt}ms`,
        service,
        server: pick(SERVERS),
        environment: 'production',
        correlation_id: correlation,
        user_id: user,
        client_ip: `10.0.${Math.floor(random() * 4)}.${Math.floor(random() * 250)}`,
        method,
        endpoint,
        status_code: status,
        response_time_ms: rt,
        region: pick(['eu-west-1', 'us-east-1']),
      });
      t += Math.round(rt / (hops - h)) + 3;
    }
  }
  return out.slice(0, count);
}

export const toNdjson = (records: Record<string, unknown>[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';
