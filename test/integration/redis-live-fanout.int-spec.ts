import { describeLiveFanoutContract } from '../../src/live/live-fanout.contract';
import { RedisLiveFanout } from '../../src/live/redis-live-fanout';
import { testRedis } from './support/test-redis';

const t = testRedis('live-fanout');
afterAll(() => t.close());

describeLiveFanoutContract('redis', async () => {
  const prefix = t.prefix();
  const a = await RedisLiveFanout.open(t.redis, prefix);
  const b = await RedisLiveFanout.open(t.redis, prefix);
  return { a, b, close: async () => void (await Promise.all([a.close(), b.close()])) };
});
