import type { ChainableCommander } from 'ioredis';

/** Runs MULTI...EXEC and returns the replies; ioredis reports per-command errors inside them. */
export async function execTransaction(tx: ChainableCommander): Promise<unknown[]> {
  const replies = await tx.exec();
  if (!replies) throw new Error('Redis transaction aborted');
  return replies.map(([err, value]) => {
    if (err) throw err;
    return value;
  });
}
