import { DEFAULT_RATE_LIMITS, describeRule, parseRateLimits } from './rate-limit-config';

describe('LOGNEST_RATE_LIMITS', () => {
  it('overrides single classes and keeps the defaults of the others', () => {
    const rules = parseRateLimits('search=20/minute, ingest=100/second,login=5/15minutes')!;
    expect(rules.search).toEqual({ limit: 20, windowSeconds: 60 });
    expect(rules.ingest).toEqual({ limit: 100, windowSeconds: 1 });
    expect(rules.login).toEqual({ limit: 5, windowSeconds: 900 });
    expect(rules.default).toEqual(DEFAULT_RATE_LIMITS.default);
  });

  it('turns limits off, and refuses what it cannot read', () => {
    expect(parseRateLimits('off')).toBeNull();
    expect(parseRateLimits('searches=1/minute')).toBeUndefined();
    expect(parseRateLimits('search=0/minute')).toBeUndefined();
    expect(parseRateLimits('search=10/fortnight')).toBeUndefined();
  });

  it("describes a rule as seed 002's 429 body does", () => {
    expect(describeRule({ limit: 50, windowSeconds: 60 })).toBe('50 per 1 minute');
    expect(describeRule({ limit: 20, windowSeconds: 3600 })).toBe('20 per 1 hour');
    expect(describeRule({ limit: 5, windowSeconds: 900 })).toBe('5 per 15 minutes');
    expect(describeRule({ limit: 5, windowSeconds: 90 })).toBe('5 per 90 seconds');
  });
});
