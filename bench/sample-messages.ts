// Message texts of the sample logs. Varied on purpose: word search must find some words in
// many records and others in few, and some messages carry quotes, commas and newlines so
// the CSV and NDJSON writers (and Lognest's parsers) meet them.

import { Prng } from './prng';
import { EndpointSpec, PLANS, SEARCH_TERMS } from './sample-log-catalog';

export type BurstKind = 'db-timeout' | 'pool-exhausted' | 'payment-gateway' | 'deadlock';

export const BURST_STATUS: Record<BurstKind, number> = {
  'db-timeout': 504,
  'pool-exhausted': 503,
  'payment-gateway': 502,
  deadlock: 500,
};

export const BURST_API_MESSAGE: Record<BurstKind, string> = {
  'db-timeout': 'Database connection timeout after 5000ms',
  'pool-exhausted': 'Service unavailable: database connection pool exhausted (20/20 in use)',
  'payment-gateway': 'Payment provider timeout after 3000ms (stripe), charge not captured',
  deadlock: 'Transaction failed: deadlock detected, rolled back',
};

function stack(service: string): string {
  const name = service[0].toUpperCase() + service.slice(1);
  return (
    `\n    at ${name}Service.handle (src/${service}/${service}.service.ts:88:17)` +
    `\n    at async ${name}Controller.handle (src/${service}/${service}.controller.ts:41:5)`
  );
}

export interface MessageContext {
  user: string;
  account: string;
  id: number;
  endpoint: string;
}

function amount(rng: Prng): string {
  return (rng.int(199, 99999) / 100).toFixed(2);
}

export function successMessage(ep: EndpointSpec, rng: Prng, c: MessageContext): string {
  switch (`${ep.method} ${ep.path}`) {
    case 'POST /api/auth/login': return `User ${c.user} logged in`;
    case 'POST /api/auth/logout': return `User ${c.user} logged out`;
    case 'POST /api/auth/refresh': return `Access token refreshed for ${c.user}`;
    case 'POST /api/auth/register': return `New user ${c.user} registered for account ${c.account}`;
    case 'POST /api/auth/password-reset': return `Password reset email sent to ${c.user}`;
    case 'POST /api/payments': return `Payment pay_${rng.hex(12)} captured: ${amount(rng)} USD`;
    case 'GET /api/payments/{id}': return `Payment ${c.id} retrieved`;
    case 'POST /api/payments/{id}/refund': return `Refund issued for payment ${c.id}: ${amount(rng)} USD`;
    case 'GET /api/invoices': return `Listed ${rng.int(0, 20)} invoices for ${c.account}`;
    case 'POST /api/subscriptions': return `Subscription of ${c.account} changed to plan ${rng.pick(PLANS)}`;
    case 'GET /api/users/me': return `Fetched profile of ${c.user}`;
    case 'GET /api/users/{id}': return `Fetched profile of user-${c.id}`;
    case 'PUT /api/users/{id}': return `Profile of user-${c.id} updated`;
    case 'GET /api/users': return `Listed ${rng.int(1, 50)} users of ${c.account}`;
    case 'GET /api/products': return `Returned ${rng.int(0, 24)} products, page ${rng.int(1, 9)}`;
    case 'GET /api/products/{id}': return `Product ${c.id} viewed`;
    case 'POST /api/products': return `Product ${c.id} created`;
    case 'PUT /api/products/{id}': return `Stock of product ${c.id} updated`;
    case 'GET /api/orders': return `Listed ${rng.int(0, 20)} orders for ${c.user}`;
    case 'POST /api/orders': return `Order ord-${c.id} created with ${rng.int(1, 6)} items, total ${amount(rng)} USD`;
    case 'GET /api/orders/{id}': return `Order ord-${c.id} retrieved`;
    case 'DELETE /api/orders/{id}': return `Order ord-${c.id} cancelled by ${c.user}`;
    case 'GET /api/search': return `Search "${rng.pick(SEARCH_TERMS)}" returned ${rng.int(0, 400)} results`;
    case 'GET /api/notifications': return `Returned ${rng.int(0, 30)} unread notifications`;
    case 'POST /api/notifications/mark-read': return `Marked ${rng.int(1, 30)} notifications as read`;
    default: return `Webhook invoice.paid delivered to https://hooks.example.com/${rng.hex(10)}`;
  }
}

export function redirectMessage(status: number, c: MessageContext): string {
  if (status === 304) return `Not modified: ${c.endpoint} (ETag match)`;
  if (status === 302) return `Redirect to /login?next=${c.endpoint}`;
  return `Moved permanently: ${c.endpoint} -> /v2${c.endpoint}`;
}

export function clientErrorMessage(status: number, ep: EndpointSpec, rng: Prng, c: MessageContext): string {
  switch (status) {
    case 400:
      return rng.chance(0.5)
        ? 'Validation failed: field "email" is invalid, expected name@domain'
        : "Bad request: missing required parameter 'page_size'";
    case 401:
      return ep.path === '/api/auth/login'
        ? `Login failed for ${c.user}: invalid password`
        : `Unauthorized: access token expired for ${c.user}`;
    case 403: return `Forbidden: ${c.user} lacks permission ${ep.service}:write`;
    case 404: return `Resource not found: ${c.endpoint}`;
    case 409: return `Conflict: ${ep.table} ${c.id} was modified by another request`;
    case 422:
      return ep.service === 'payments'
        ? `Payment declined: ${rng.pick(['insufficient funds', 'card expired', 'do_not_honor', 'incorrect CVC'])}`
        : 'Unprocessable entity: quantity must be between 1 and 99';
    default: return `Rate limit exceeded for ${c.user}: 120 requests/min`;
  }
}

export function serverErrorMessage(status: number, ep: EndpointSpec, critical: boolean): string {
  switch (status) {
    case 500:
      return "Internal server error: Cannot read properties of undefined (reading 'id')" + (critical ? stack(ep.service) : '');
    case 502: return `Bad gateway: upstream ${ep.service}-svc returned an invalid response`;
    case 503: return 'Service unavailable: database connection pool exhausted (20/20 in use)';
    default: return `Gateway timeout: ${ep.service} did not answer within 5000ms`;
  }
}

export function securityMessage(status: number, ep: EndpointSpec, c: MessageContext, ip: string): string | null {
  if (ep.path === '/api/auth/login') {
    return status < 300
      ? `Session created for ${c.user} from ${ip}`
      : `Failed login attempt for ${c.user} from ${ip}`;
  }
  if (status === 401) return `Rejected expired token of ${c.user} from ${ip}`;
  if (status === 403) return `Access denied: ${c.user} is not allowed ${ep.service}:write`;
  if (status === 429) return `Throttled ${c.user} at ${ip}, 120 requests/min`;
  return null;
}
