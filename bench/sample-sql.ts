// The SQL statement each sample endpoint runs, with concrete values, as an ORM's query log
// would print it.

import { Prng } from './prng';
import { EndpointSpec, PLANS, SEARCH_TERMS } from './sample-log-catalog';

export interface SqlContext {
  userNum: number;
  accountNum: number;
  /** The id in the endpoint path, or a fresh one. */
  id: number;
}

export function sqlFor(ep: EndpointSpec, rng: Prng, c: SqlContext): string {
  switch (`${ep.method} ${ep.path}`) {
    case 'POST /api/auth/login':
      return `SELECT id, email, password_hash, status FROM users WHERE email = 'user-${c.userNum}@example.com' LIMIT 1`;
    case 'POST /api/auth/logout':
      return `DELETE FROM sessions WHERE token_hash = '${rng.hex(16)}'`;
    case 'POST /api/auth/refresh':
      return `UPDATE sessions SET expires_at = NOW() + INTERVAL '30 days' WHERE id = '${rng.hex(16)}'`;
    case 'POST /api/auth/register':
      return `INSERT INTO users (email, password_hash, account_id) VALUES ('user-${c.userNum}@example.com', '$2b$12$${rng.hex(22)}', ${c.accountNum}) RETURNING id`;
    case 'POST /api/auth/password-reset':
      return `INSERT INTO password_resets (user_id, token_hash, expires_at) VALUES (${c.userNum}, '${rng.hex(16)}', NOW() + INTERVAL '1 hour')`;
    case 'POST /api/payments':
      return `INSERT INTO payments (order_id, user_id, amount_cents, currency, status) VALUES (${c.id}, ${c.userNum}, ${rng.int(199, 99999)}, 'USD', 'pending') RETURNING id`;
    case 'GET /api/payments/{id}':
      return `SELECT id, order_id, amount_cents, currency, status FROM payments WHERE id = ${c.id}`;
    case 'POST /api/payments/{id}/refund':
      return `UPDATE payments SET status = 'refunded', refunded_at = NOW() WHERE id = ${c.id} AND status = 'captured'`;
    case 'GET /api/invoices':
      return `SELECT id, number, total_cents, status FROM invoices WHERE account_id = ${c.accountNum} ORDER BY issued_at DESC LIMIT 20`;
    case 'POST /api/subscriptions':
      return `UPDATE subscriptions SET plan = '${rng.pick(PLANS)}', updated_at = NOW() WHERE account_id = ${c.accountNum}`;
    case 'GET /api/users/me':
    case 'GET /api/users/{id}':
      return `SELECT id, email, name, plan, created_at FROM users WHERE id = ${c.id}`;
    case 'PUT /api/users/{id}':
      return `UPDATE users SET name = 'User ${c.id}', updated_at = NOW() WHERE id = ${c.id}`;
    case 'GET /api/users':
      return `SELECT id, email, name FROM users WHERE account_id = ${c.accountNum} ORDER BY created_at DESC LIMIT 50 OFFSET ${rng.int(0, 10) * 50}`;
    case 'GET /api/products':
      return `SELECT id, name, price_cents, stock FROM products WHERE category_id = ${rng.int(1, 40)} ORDER BY popularity DESC LIMIT 24 OFFSET ${rng.int(0, 8) * 24}`;
    case 'GET /api/products/{id}':
      return `SELECT * FROM products WHERE id = ${c.id}`;
    case 'POST /api/products':
      return `INSERT INTO products (name, price_cents, stock, category_id) VALUES ('Product ${c.id}', ${rng.int(199, 49999)}, ${rng.int(0, 500)}, ${rng.int(1, 40)}) RETURNING id`;
    case 'PUT /api/products/{id}':
      return `UPDATE products SET stock = stock - ${rng.int(1, 3)} WHERE id = ${c.id} AND stock > 0`;
    case 'GET /api/orders':
      return `SELECT o.id, o.total_cents, o.status FROM orders o WHERE o.user_id = ${c.userNum} ORDER BY o.created_at DESC LIMIT 20`;
    case 'POST /api/orders':
      return `INSERT INTO orders (user_id, total_cents, status) VALUES (${c.userNum}, ${rng.int(199, 99999)}, 'pending') RETURNING id`;
    case 'GET /api/orders/{id}':
      return `SELECT o.*, i.product_id, i.quantity FROM orders o JOIN order_items i ON i.order_id = o.id WHERE o.id = ${c.id}`;
    case 'DELETE /api/orders/{id}':
      return `UPDATE orders SET status = 'cancelled' WHERE id = ${c.id} AND user_id = ${c.userNum}`;
    case 'GET /api/search':
      return `SELECT id, name FROM products WHERE name ILIKE '%${rng.pick(SEARCH_TERMS).replace(/'/g, "''")}%' ORDER BY rank DESC LIMIT 20`;
    case 'GET /api/notifications':
      return `SELECT id, kind, body FROM notifications WHERE user_id = ${c.userNum} AND read_at IS NULL LIMIT 50`;
    case 'POST /api/notifications/mark-read':
      return `UPDATE notifications SET read_at = NOW() WHERE user_id = ${c.userNum} AND read_at IS NULL`;
    default:
      return `INSERT INTO ${ep.table} (endpoint_id, event, status_code) VALUES (${rng.int(1, 300)}, 'invoice.paid', 200)`;
  }
}
