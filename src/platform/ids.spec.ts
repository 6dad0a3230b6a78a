import { idTime, newId, newSecret } from './ids';

describe('newId', () => {
  it('is unique and sorts by creation time', () => {
    const ids = [newId(1_700_000_000_000), newId(1_700_000_000_000), newId(1_700_000_000_001), newId(1_800_000_000_000)];
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
  it('makes 100k distinct ids in one millisecond', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(newId(1_700_000_000_123));
    expect(seen.size).toBe(100_000);
  });
});

describe('newSecret', () => {
  it('is long and url-safe', () => {
    expect(newSecret()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('idTime', () => {
  it('reads back the time an id was made at', () => {
    expect(idTime(newId(1_712_345_678_901))).toBe(1_712_345_678_901);
    expect(idTime('not-an-id')).toBeNull();
  });
});
