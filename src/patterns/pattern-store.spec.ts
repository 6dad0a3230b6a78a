import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { maskLine } from './drain-miner';
import { PatternAssigner } from './pattern-assigner';
import { SqliteDatabase } from '../platform/metadata/sqlite-database';
import { FakePatternStore } from './fake-pattern-store';
import { describePatternStoreContract } from './pattern-store.contract';
import { SqlitePatternStore } from './sqlite-pattern-store';

describePatternStoreContract('memory', async () => new FakePatternStore());
describePatternStoreContract('sqlite', async () => new SqlitePatternStore(new SqliteDatabase(':memory:')));

describe('SqlitePatternStore: two processes on one file', () => {
  it('publish one revision once, and each reads what the other published', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lognest-patterns-'));
    const file = path.join(dir, 'metadata.db');
    const [one, two] = [new SqliteDatabase(file), new SqliteDatabase(file)];
    try {
      const a = new SqlitePatternStore(one);
      const b = new SqlitePatternStore(two);
      const draft = { id: 'p1', template: 'User <*> logged in', sample: 'User u-1 logged in', firstSeen: 1, lastSeen: 1 };
      expect(await a.publish('t1', 'api', 0, [draft])).toBe(true);
      expect(await b.publish('t1', 'api', 0, [{ ...draft, id: 'p2' }])).toBe(false);
      expect(await b.published('t1', 'api', 0)).toEqual({ revision: 1, templates: [expect.objectContaining({ id: 'p1', revision: 1 })] });
      const ids = await Promise.all([new PatternAssigner(a).assign('t1', [key('Disk sda1 at 91%')]), new PatternAssigner(b).assign('t1', [key('Disk sdb2 at 12%')])]);
      expect(ids[1]).toEqual(ids[0]);
    } finally {
      one.db.close();
      two.db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

const key = (line: string) => ({ service: 'api', masked: maskLine(line), sample: line, timestamp: 1_000 });
