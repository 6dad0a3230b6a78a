// The vocabulary of the sample SaaS: services, endpoints, servers, user agents and the
// SQL each endpoint runs. Kept apart from the generator so the generator reads as the
// traffic model and this file as the scenery.

export const SERVICES = ['auth', 'payments', 'users', 'products', 'orders', 'search', 'notifications'] as const;
export type Service = (typeof SERVICES)[number];

export const API_SERVERS = ['api-server-01', 'api-server-02', 'api-server-03', 'api-server-04'] as const;
export const WORKER_SERVERS = ['worker-01', 'worker-02'] as const;

export const ENVIRONMENTS = [
  ['production', 80],
  ['staging', 15],
  ['development', 5],
] as const;

/** Words that appear in generated messages; the bench searches for them. */
export const SEARCH_WORDS = ['timeout', 'declined', 'exhausted', 'deadlock'] as const;

export interface EndpointSpec {
  service: Service;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** `{id}` is replaced by a concrete id, as real access logs have it. */
  path: string;
  weight: number;
  /** Chance that the request runs a logged SQL query. */
  dbChance: number;
  table: string;
}

export const ENDPOINTS: readonly EndpointSpec[] = [
  { service: 'auth', method: 'POST', path: '/api/auth/login', weight: 9, dbChance: 0.9, table: 'users' },
  { service: 'auth', method: 'POST', path: '/api/auth/logout', weight: 3, dbChance: 0.5, table: 'sessions' },
  { service: 'auth', method: 'POST', path: '/api/auth/refresh', weight: 6, dbChance: 0.6, table: 'sessions' },
  { service: 'auth', method: 'POST', path: '/api/auth/register', weight: 1, dbChance: 1, table: 'users' },
  { service: 'auth', method: 'POST', path: '/api/auth/password-reset', weight: 0.5, dbChance: 1, table: 'users' },
  { service: 'payments', method: 'POST', path: '/api/payments', weight: 4, dbChance: 1, table: 'payments' },
  { service: 'payments', method: 'GET', path: '/api/payments/{id}', weight: 2, dbChance: 0.8, table: 'payments' },
  { service: 'payments', method: 'POST', path: '/api/payments/{id}/refund', weight: 0.5, dbChance: 1, table: 'payments' },
  { service: 'payments', method: 'GET', path: '/api/invoices', weight: 2, dbChance: 0.9, table: 'invoices' },
  { service: 'payments', method: 'POST', path: '/api/subscriptions', weight: 0.8, dbChance: 1, table: 'subscriptions' },
  { service: 'users', method: 'GET', path: '/api/users/me', weight: 10, dbChance: 0.5, table: 'users' },
  { service: 'users', method: 'GET', path: '/api/users/{id}', weight: 4, dbChance: 0.7, table: 'users' },
  { service: 'users', method: 'PUT', path: '/api/users/{id}', weight: 1.5, dbChance: 1, table: 'users' },
  { service: 'users', method: 'GET', path: '/api/users', weight: 1, dbChance: 0.9, table: 'users' },
  { service: 'products', method: 'GET', path: '/api/products', weight: 12, dbChance: 0.6, table: 'products' },
  { service: 'products', method: 'GET', path: '/api/products/{id}', weight: 10, dbChance: 0.6, table: 'products' },
  { service: 'products', method: 'POST', path: '/api/products', weight: 0.5, dbChance: 1, table: 'products' },
  { service: 'products', method: 'PUT', path: '/api/products/{id}', weight: 1, dbChance: 1, table: 'products' },
  { service: 'orders', method: 'GET', path: '/api/orders', weight: 5, dbChance: 0.9, table: 'orders' },
  { service: 'orders', method: 'POST', path: '/api/orders', weight: 3, dbChance: 1, table: 'orders' },
  { service: 'orders', method: 'GET', path: '/api/orders/{id}', weight: 4, dbChance: 0.8, table: 'orders' },
  { service: 'orders', method: 'DELETE', path: '/api/orders/{id}', weight: 0.4, dbChance: 1, table: 'orders' },
  { service: 'search', method: 'GET', path: '/api/search', weight: 8, dbChance: 0.4, table: 'products' },
  { service: 'notifications', method: 'GET', path: '/api/notifications', weight: 6, dbChance: 0.7, table: 'notifications' },
  { service: 'notifications', method: 'POST', path: '/api/notifications/mark-read', weight: 2, dbChance: 1, table: 'notifications' },
  { service: 'notifications', method: 'POST', path: '/api/webhooks', weight: 1.5, dbChance: 0.8, table: 'webhook_deliveries' },
];

export const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0',
  'okhttp/4.12.0',
  'python-requests/2.32.3',
  'axios/1.7.2',
  'curl/8.8.0',
  'LognestMobile/3.4.1 (iOS 17.5; iPhone15,2)',
  'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
];

export const STATUS_CODES = [
  [200, 48], [201, 9], [204, 3],
  [301, 1], [302, 3], [304, 7],
  [400, 7], [401, 6], [403, 3], [404, 6], [409, 1], [422, 1], [429, 1],
  [500, 1.9], [502, 0.5], [503, 0.6], [504, 0.5],
] as const;

export const BACKGROUND_JOBS = [
  'send-welcome-email', 'send-invoice-email', 'sync-stripe-customers', 'rebuild-search-index',
  'expire-sessions', 'generate-usage-report', 'retry-failed-webhooks', 'resize-product-images',
] as const;

export const PLANS = ['free', 'starter', 'pro', 'business', 'enterprise'] as const;
export const SEARCH_TERMS = ['running shoes', 'usb-c cable', 'standing desk', 'noise cancelling', "kids' jacket", 'coffee grinder', 'yoga mat', '4k monitor'];
export const CACHE_KEYS = ['product', 'user', 'session', 'cart', 'rate', 'search'] as const;
