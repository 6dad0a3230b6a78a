import { readCorpus, readCorpusLine } from '../../../bench/text-corpus';

// Every line of the format corpus (test/fixtures/text-log-corpus.tsv) read with the timestamp and
// level a person would give it. `npm run bench:text-corpus` prints the same as a share.
describe('text log corpus', () => {
  const corpus = readCorpus();

  it('covers the formats the issue names', () => {
    const systems = new Set(corpus.map((entry) => entry.system));
    for (const name of ['hdfs', 'spark', 'logcat-threadtime', 'healthapp', 'proxifier', 'openstack', 'bgl', 'hpc', 'windows-cbs']) {
      expect(systems).toContain(name);
    }
  });

  it.each(corpus.map((entry) => [entry.system, entry.line, entry] as const))('%s: %s', (_system, line, entry) => {
    expect(readCorpusLine(line)).toEqual({ timestamp: entry.timestamp, level: entry.level });
  });
});
