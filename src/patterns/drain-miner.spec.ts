import { DrainMiner, maskLine, maskTokens, templateText } from './drain-miner';

describe('maskTokens', () => {
  it('masks numbers, hex, UUIDs, IPs, paths and ids, keeping punctuation and words', () => {
    expect(maskTokens('Connection from 10.0.0.12:5432 closed after 30s (user-123).')).toEqual([
      'Connection', 'from', '<*>', 'closed', 'after', '<*>', '(<*>).',
    ]);
    expect(maskTokens('req 3f1c9a2b-1d2e-4f5a-8b9c-0123456789ab read /var/log/app.log at 0x7ffe12 of 4096 bytes')).toEqual([
      'req', '<*>', 'read', '<*>', 'at', '<*>', 'of', '<*>', 'bytes',
    ]);
    expect(maskTokens('retry=3 mode=fast')).toEqual(['retry=<*>', 'mode=fast']);
    expect(maskTokens('  User  logged in ')).toEqual(['User', 'logged', 'in']);
  });
});

describe('DrainMiner', () => {
  it('groups lines that differ only in variables into one template', () => {
    const miner = new DrainMiner();
    const a = miner.add('User user-17 logged in from 10.1.2.3');
    const b = miner.add('User user-9 logged in from 192.168.0.7');
    expect(b).toBe(a);
    expect(templateText(a)).toBe('User <*> logged in from <*>');
    expect(a.count).toBe(2);
  });

  it('keeps apart two templates that share a prefix', () => {
    const miner = new DrainMiner();
    const ok = miner.add('Payment pay_1 captured for account acct-1');
    const failed = miner.add('Payment pay_2 declined by issuer: insufficient funds');
    miner.add('Payment pay_3 captured for account acct-9');
    miner.add('Payment pay_4 declined by issuer: card expired');
    expect(miner.templates()).toHaveLength(2);
    expect(templateText(ok)).toBe('Payment <*> captured for account <*>');
    expect(templateText(failed)).toBe('Payment <*> declined by issuer: <*> <*>');
    expect([ok.count, failed.count]).toEqual([2, 2]);
  });

  it('does not split a template on a variable word the masks do not catch', () => {
    const miner = new DrainMiner();
    for (const plan of ['free', 'pro', 'enterprise', 'team']) miner.add(`Subscription of acct-4 changed to plan ${plan}`);
    expect(miner.templates().map(templateText)).toEqual(['Subscription of <*> changed to plan <*>']);
  });

  it('keeps apart short lines that differ in their one telling word, and finds a variable word in second place', () => {
    const miner = new DrainMiner();
    miner.add('User user-1 logged in');
    miner.add('User user-2 logged out');
    miner.add('User user-3 logged in');
    for (const term of ['shoes', 'coffee', 'laptop']) miner.add(`Search "${term}" returned 12 results`);
    expect(miner.templates().map(templateText)).toEqual(['User <*> logged in', 'User <*> logged out', 'Search <*> returned <*> results']);
  });

  it('routes by token count and leading tokens: other lengths and first words never merge', () => {
    const miner = new DrainMiner();
    miner.add('cache hit for key k1');
    miner.add('cache hit for key k1 in region eu');
    miner.add('disk hit for key k2');
    expect(miner.templates()).toHaveLength(3);
  });

  it('masks a quoted part of several words as one variable, pairing quotes from the left', () => {
    expect(maskLine('Search "gift card" returned 12 results')).toBe('Search "<*>" returned <*> results');
    expect(maskLine('acquire tag="View Lock", name=ui')).toBe('acquire tag="<*>", name=ui');
    expect(maskLine('say "a" and "b c" or "d"')).toBe('say "a" and "<*>" or "d"');
    expect(maskLine('GET "/a b" then "unclosed x')).toBe('GET "<*>" then "unclosed x');
    expect(maskLine('plain "word" only')).toBe('plain "word" only');
  });

  it('joins a multi-word quoted variable with one-word ones', () => {
    const miner = new DrainMiner();
    for (const term of ['shoes', 'gift card', 'coffee', 'red summer dress']) miner.add(`Search "${term}" returned 12 results`);
    expect(miner.templates().map(templateText)).toEqual(['Search <*> returned <*> results']);
  });

  it('masks in one pass what token-by-token masking masks', () => {
    const line = '  GET /api/v1/users/42?x=1 from 10.0.0.7:443 took 12ms; req=ab12 user=bob "ok" (x)  ';
    expect(maskLine(line)).toBe('GET /api/v1/users/42?x=<*> from <*> took <*>; req=<*> user=bob "ok" (x)');
  });
});
