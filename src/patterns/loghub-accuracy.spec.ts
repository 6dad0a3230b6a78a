import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { measureLoghubAccuracy, readLoghubCsv, readLoghubDir, scoreSystem } from '../../bench/loghub-accuracy';

// Lines written for this test in the layout of Loghub's structured samples (not Loghub's lines).
const CSV = [
  'LineId,Time,Level,Content,EventId,EventTemplate',
  '1,t1,info,cache warmed in 120 ms,E1,cache warmed in <*> ms',
  '2,t2,info,cache warmed in 95 ms,E1,cache warmed in <*> ms',
  '3,t3,warn,"queue full, dropped 3 jobs",E2,"queue full, dropped <*> jobs"',
  '4,t4,warn,"queue full, dropped 17 jobs",E2,"queue full, dropped <*> jobs"',
  '5,t5,info," worker ""alpha"" started",E3,worker <*> started',
  '6,t6,info,session opened for user alice by uid 0,E4,session opened for user <*> by uid <*>',
  '7,t7,info,session opened for user bob by uid 0,E4,session opened for user <*> by uid <*>',
  '',
].join('\n');

describe('Loghub loader and scorer (bench --patterns --loghub)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lognest-loghub-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads Content and EventId, quoted commas, quotes and leading spaces kept', () => {
    const lines = readLoghubCsv('Toy', CSV);
    expect(lines).toHaveLength(7);
    expect(lines[2]).toEqual({ system: 'Toy', event: 'E2', line: 'queue full, dropped 3 jobs' });
    expect(lines[4].line).toBe(' worker "alpha" started');
  });

  it('refuses a CSV without the Content or EventId column, naming the file', () => {
    expect(() => readLoghubCsv('X', 'LineId,Message\n1,hello\n', 'X_2k.log_structured.csv')).toThrow(/X_2k\.log_structured\.csv: needs the columns Content and EventId/);
  });

  it('takes only *_2k.log_structured.csv files of a directory, one system each', () => {
    fs.writeFileSync(path.join(dir, 'Toy_2k.log_structured.csv'), CSV);
    fs.writeFileSync(path.join(dir, 'Toy_2k.log_templates.csv'), 'EventId,EventTemplate\nE1,x\n');
    fs.writeFileSync(path.join(dir, 'Other_2k.log_structured.csv'), CSV.split('\n').slice(0, 3).join('\n'));
    const systems = readLoghubDir(dir);
    expect([...systems.keys()]).toEqual(['Other', 'Toy']);
    expect(systems.get('Other')).toHaveLength(2);
  });

  it('says so when a directory has no Loghub sample', () => {
    expect(() => readLoghubDir(dir)).toThrow(/no \*_2k\.log_structured\.csv/);
  });

  it('scores a line right only when its predicted group is exactly its event', async () => {
    // Masking and Drain keep E1, E2 and E4 apart and together; E3 is a group of one.
    expect(await scoreSystem(readLoghubCsv('Toy', CSV))).toEqual({ lines: 7, events: 4, patterns: 4, grouping_accuracy: 1 });
    // Two true events that the miner cannot tell apart (the variable is the only word that differs):
    const merged = [
      { system: 'T', event: 'A', line: 'disk sda1 is healthy now' },
      { system: 'T', event: 'B', line: 'disk sdb2 is healthy now' },
      { system: 'T', event: 'C', line: 'fan speed set to 3000 rpm' },
    ];
    expect(await scoreSystem(merged)).toEqual({ lines: 3, events: 3, patterns: 2, grouping_accuracy: 0.333 });
  });

  it('averages systems with equal weight', async () => {
    fs.writeFileSync(path.join(dir, 'Toy_2k.log_structured.csv'), CSV);
    fs.writeFileSync(path.join(dir, 'Pair_2k.log_structured.csv'), 'LineId,Content,EventId\n1,disk sda1 is healthy now,A\n2,disk sdb2 is healthy now,B\n');
    const result = await measureLoghubAccuracy(dir);
    expect(result.per_system.Toy.grouping_accuracy).toBe(1);
    expect(result.per_system.Pair.grouping_accuracy).toBe(0);
    expect(result.average_grouping_accuracy).toBe(0.5);
  });
});
