import { ewmaDetector } from './ewma-detector';
import { IsolationForest } from './isolation-forest';
import { isolationForestDetector } from './isolation-forest-detector';
import { hasSeason, seasonalBaseline, seasonalDetector } from './seasonal-detector';
import { anomalousAt, businessHours, gaussian, noisy } from './synthetic-series';
import { zScoreDetector } from './zscore-detector';

const poissonLike = (e: number) => Math.max(Math.sqrt(Math.max(e, 1)), 0.1 * e);

describe('z-score detector', () => {
  it('finds a spike and a drop in steady noise, and nothing else', () => {
    const values = noisy(600, () => 100, 5);
    values[400] = 200;
    values[500] = 10;
    for (const robust of [false, true]) {
      const verdicts = zScoreDetector({ robust })({ values, from: 120 });
      expect(anomalousAt(verdicts)).toEqual([400, 500]);
      expect(verdicts.find((v) => v.index === 400)!.score).toBeGreaterThan(10);
      expect(verdicts.find((v) => v.index === 500)!.score).toBeLessThan(-10);
      expect(verdicts.find((v) => v.index === 400)!.expected).toBeCloseTo(100, -1);
    }
  });

  it('robust variant: an earlier outlier in the baseline does not hide the next one', () => {
    const values = noisy(300, () => 50, 2, 7);
    values[200] = 400;
    values[210] = 80;
    expect(anomalousAt(zScoreDetector({ robust: true })({ values, from: 100, minScale: poissonLike }))).toEqual([200, 210]);
    // The classic z-score's spread is inflated by the first outlier, so it misses the second.
    expect(anomalousAt(zScoreDetector()({ values, from: 100, minScale: poissonLike }))).toEqual([200]);
  });

  it('gives no verdict without enough history or where the series has no value', () => {
    const values: (number | null)[] = [1, 2, 3, null, 5];
    expect(zScoreDetector()({ values, from: 0 })).toEqual([]);
    const long: (number | null)[] = noisy(40, () => 10, 1);
    long[30] = null;
    expect(zScoreDetector()({ values: long, from: 20 }).map((v) => v.index)).not.toContain(30);
  });

  it('respects a minimum spread: a flat history does not make every wobble an anomaly', () => {
    const values = [...new Array(60).fill(4), 6, 9, 30];
    const verdicts = zScoreDetector({ robust: true })({ values, from: 60, minScale: poissonLike });
    expect(anomalousAt(verdicts)).toEqual([62]);
  });
});

describe('EWMA band detector', () => {
  it('alarms at a lasting change of level, then follows it', () => {
    const values = noisy(600, (i) => (i < 300 ? 100 : 300), 5, 3);
    const flagged = anomalousAt(ewmaDetector()({ values, from: 60 }));
    expect(flagged[0]).toBe(300);
    expect(flagged.every((i) => i >= 300 && i < 360)).toBe(true);
  });

  it('keeps its band after a one-minute spike', () => {
    const values = noisy(400, () => 100, 5, 4);
    values[200] = 1000;
    const verdicts = ewmaDetector()({ values, from: 60 });
    expect(anomalousAt(verdicts)).toEqual([200]);
    expect(verdicts.find((v) => v.index === 201)!.expected).toBeLessThan(125);
  });
});

describe('seasonal detector', () => {
  const days = 4;
  const values = noisy(days * 1440, businessHours(20), 2, 5).map((v) => Math.round(v));
  const from = 3 * 1440;

  it('does not alarm at the daily peak and the quiet night that the z-score flags', () => {
    const seasonal = anomalousAt(seasonalDetector()({ values, from, minScale: poissonLike }));
    expect(seasonal).toEqual([]);
    const z = anomalousAt(zScoreDetector({ robust: true })({ values, from, minScale: poissonLike }));
    expect(z).toContain(from + 9 * 60);
  });

  it('finds a spike and a silence at a time of day that is normally busy', () => {
    const withIncidents = [...values];
    withIncidents[from + 14 * 60] = 400;
    for (let i = from + 15 * 60; i < from + 15 * 60 + 5; i++) withIncidents[i] = 0;
    const verdicts = seasonalDetector()({ values: withIncidents, from, minScale: poissonLike });
    expect(anomalousAt(verdicts)).toEqual([from + 840, from + 900, from + 901, from + 902, from + 903, from + 904]);
    expect(verdicts.find((v) => v.index === from + 900)!.expected).toBeCloseTo(120, -1);
  });

  it('follows a quieter day (a weekend at 60%) without alarming', () => {
    const quieter = values.map((v, i) => (i >= from ? Math.round(v * 0.6) : v));
    expect(anomalousAt(seasonalDetector()({ values: quieter, from: from + 120, minScale: poissonLike }))).toEqual([]);
  });

  it('on a log scale, follows a day 1.5x slower as a difference of logs, and flags 3x on top of it', () => {
    // ln(latency): 130 ms by day, 60 by night, noise of ±10%; the judged day is 1.5x slower throughout.
    const night = (i: number) => Math.floor((i % 1440) / 60) < 6;
    const logs = noisy(days * 1440, (i) => Math.log(night(i) ? 60 : 130) + (i >= from ? Math.log(1.5) : 0), 0.1, 9);
    const detector = seasonalDetector({ logScale: true });
    const input = { values: logs, from: from + 120, minScale: () => 0.1 };
    expect(anomalousAt(detector(input))).toEqual([]);
    const verdict = detector(input).find((v) => v.index === from + 600)!;
    expect(Math.exp(verdict.expected)).toBeCloseTo(195, -1);
    const tripled = [...logs];
    tripled[from + 600] += Math.log(3);
    expect(anomalousAt(detector({ ...input, values: tripled }))).toEqual([from + 600]);
  });

  it('takes the median of the same minutes on previous days as the baseline', () => {
    const series = [1, 2, 3, 10, 20, 30, 100, 200, 300];
    expect(seasonalBaseline(series, 3, 2, 0)).toEqual([null, null, null, 1, 2, 3, 5.5, 11, 16.5]);
    expect(hasSeason({ values: series, from: 3 }, 3)).toBe(true);
    expect(hasSeason({ values: series, from: 2 }, 3)).toBe(false);
  });
});

describe('isolation forest', () => {
  const noise = gaussian(21);
  const rows = Array.from({ length: 500 }, () => [noise(), noise()]);

  it('scores an isolated point above ordinary ones', () => {
    const forest = new IsolationForest(rows, { seed: 9 });
    expect(forest.score([8, 8])).toBeGreaterThan(0.7);
    expect(forest.score([0, 0])).toBeLessThan(0.55);
  });

  it('is deterministic for a seed', () => {
    const a = new IsolationForest(rows, { seed: 9 });
    const b = new IsolationForest(rows, { seed: 9 });
    const c = new IsolationForest(rows, { seed: 10 });
    expect(a.score([0.5, -0.3])).toBe(b.score([0.5, -0.3]));
    expect(a.score([0.5, -0.3])).not.toBe(c.score([0.5, -0.3]));
  });

  it('flags the minute that is unusual across metrics and names the most deviating one', () => {
    const volume = noisy(900, () => 100, 5, 11);
    const latency = noisy(900, () => 200, 10, 12);
    latency[800] = 900;
    const minScale = [poissonLike, (e: number) => Math.max(0.1 * e, 5)];
    const verdicts = isolationForestDetector({ series: [volume, latency], from: 700, minScale }, { seed: 1 });
    const flagged = verdicts.filter((v) => v.anomalous);
    expect(flagged.map((v) => v.index)).toEqual([800]);
    expect(flagged[0].lead).toBe(1);
    expect(isolationForestDetector({ series: [volume, latency], from: 700, minScale }, { seed: 1 })).toEqual(verdicts);
  });
});
