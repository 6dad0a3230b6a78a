import { groupByRoute, learnRouteTemplates, templatePattern, templateQuery } from './route-templates';
import { parseQuery } from '../logs/query/query-parser';

const once = (...paths: string[]) => paths.map((value) => ({ value, count: 1 }));

describe('route templates', () => {
  it('turns ids by their shape into {id}: numbers, UUIDs, long hex, tokens with digits', () => {
    const t = learnRouteTemplates(once('/api/products/42', '/api/products/7'));
    expect(t('/api/products/42')).toBe('/api/products/{id}');
    expect(t('/api/orders/0b9f6c1e-3c2a-4f7e-9d51-2f1a6b7c8d90/items')).toBe('/api/orders/{id}/items');
    expect(t('/blobs/5f2b9c0a7e11')).toBe('/blobs/{id}');
    expect(t('/users/user-1234/cart')).toBe('/users/{id}/cart');
    // Versions, words and short tokens stay.
    expect(t('/api/v1/items')).toBe('/api/v1/items');
    expect(t('/oauth2/token')).toBe('/oauth2/token');
    expect(t('/api/products/search')).toBe('/api/products/search');
  });

  it('leaves the query string, the fragment and a trailing slash out of the route', () => {
    const t = learnRouteTemplates(once('/api/products/42?expand=1'));
    expect(t('/api/products/42?expand=1')).toBe('/api/products/{id}');
    expect(t('/api/products/')).toBe('/api/products');
    expect(t('/health#x')).toBe('/health');
    expect(t('/')).toBe('/');
  });

  it('learns a parameter from a crowded position, keeping its frequent values literal', () => {
    const names = Array.from({ length: 80 }, (_, i) => ({ value: `/users/${'abcdefghij'[i % 10]}name${'klmnopqrst'[Math.floor(i / 10)]}/orders`, count: 1 }));
    const paths = [...names, { value: '/users/me', count: 40 }, { value: '/users/me/orders', count: 5 }, { value: '/api/health', count: 3 }];
    const t = learnRouteTemplates(paths);
    expect(t('/users/anamek/orders')).toBe('/users/{value}/orders');
    expect(t('/users/me')).toBe('/users/me');
    expect(t('/users/me/orders')).toBe('/users/me/orders');
    // A name never seen while learning lands in the learned parameter too.
    expect(t('/users/zed/orders')).toBe('/users/{value}/orders');
    expect(t('/api/health')).toBe('/api/health');
    // Few distinct values at a position are routes, not parameters.
    const few = learnRouteTemplates(once('/shop/books', '/shop/music', '/shop/games'));
    expect(few('/shop/books')).toBe('/shop/books');
  });

  it('groups paths into routes: requests summed, the mean response time weighed by requests', () => {
    const routes = groupByRoute([
      { value: '/api/products/1', count: 30, avgResponseTimeMs: 10, p95ResponseTimeMs: 20 },
      { value: '/api/products/2', count: 10, avgResponseTimeMs: 50, p95ResponseTimeMs: 90 },
      { value: '/api/cart', count: 25, avgResponseTimeMs: 70, p95ResponseTimeMs: 99 },
      { value: '/api/orders/9', count: 5, avgResponseTimeMs: null, p95ResponseTimeMs: null },
    ]);
    expect(routes).toEqual([
      { route: '/api/products/{id}', count: 40, avgResponseTimeMs: 20, p95ResponseTimeMs: null, paths: 2 },
      { route: '/api/cart', count: 25, avgResponseTimeMs: 70, p95ResponseTimeMs: 99, paths: 1 },
      { route: '/api/orders/{id}', count: 5, avgResponseTimeMs: null, p95ResponseTimeMs: null, paths: 1 },
    ]);
  });

  it('gives a route a pattern and a search query that match its paths', () => {
    const re = new RegExp('^' + templatePattern('/api/products/{id}/reviews') + '$');
    expect(re.test('/api/products/42/reviews')).toBe(true);
    expect(re.test('/api/products/42/reviews/?page=2')).toBe(true);
    expect(re.test('/api/products/42/7/reviews')).toBe(false);
    expect(re.test('/api/products/reviews')).toBe(false);
    expect(re.test('/api/products/search/reviews')).toBe(false);
    const learned = new RegExp('^' + templatePattern('/users/{value}') + '$');
    expect(learned.test('/users/alice')).toBe(true);
    expect(learned.test('/users/alice/orders')).toBe(false);
    expect(templateQuery('/api/products/{id}')).toBe('endpoint:/\\/api\\/products\\/[^\\/?#]*[0-9][^\\/?#]*\\/?([?#].*)?/');
    expect(parseQuery(templateQuery('/api/products/{id}'))).toMatchObject({ kind: 'regex', field: 'endpoint', pattern: templatePattern('/api/products/{id}') });
    expect(templateQuery('/api/cart')).toBe('endpoint:"/api/cart"');
  });
});
