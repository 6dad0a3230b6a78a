import { SqliteDatabase } from '../../platform/metadata/sqlite-database';
import { FakeSilenceStore } from './fake-silence-store';
import { silences, Silence } from './silence';
import { describeSilenceStoreContract } from './silence-store.contract';
import { SqliteSilenceStore } from './sqlite-silence-store';

describeSilenceStoreContract('memory', async () => new FakeSilenceStore());
describeSilenceStoreContract('sqlite', async () => new SqliteSilenceStore(new SqliteDatabase(':memory:')));

describe('silence matching', () => {
  const s = (matchers: Silence['matchers']): Silence => ({ id: 's', tenantId: 't', ownerId: null, ownerName: 'x', matchers, startsAt: 100, endsAt: 200, comment: null, createdAt: 0 });
  const alert = { ruleId: 'r1', group: 'api', severity: 'critical' as const };
  it.each<[Silence['matchers'], number, boolean]>([
    [{}, 150, true],
    [{ ruleId: 'r1' }, 150, true],
    [{ ruleId: 'r2' }, 150, false],
    [{ ruleId: 'r1', group: 'api', severity: 'critical' }, 150, true],
    [{ group: 'web' }, 150, false],
    [{ severity: 'info' }, 150, false],
    [{}, 99, false],
    [{}, 200, false],
  ])('%p at %p: %p', (matchers, at, expected) => {
    expect(silences(s(matchers), alert, at)).toBe(expected);
  });
});
