import { InProcessLiveFanout, LiveFanoutHub } from './in-process-live-fanout';
import { describeLiveFanoutContract } from './live-fanout.contract';

describeLiveFanoutContract('in-process', async () => {
  const hub = new LiveFanoutHub();
  const a = new InProcessLiveFanout(hub);
  const b = new InProcessLiveFanout(hub);
  return { a, b, close: async () => void (await Promise.all([a.close(), b.close()])) };
});
