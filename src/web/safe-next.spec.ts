import { safeNextPath } from './safe-next';

describe('safeNextPath', () => {
  it('keeps paths on this site', () => {
    expect(safeNextPath('/search?q=level:ERROR&page=2')).toBe('/search?q=level:ERROR&page=2');
    expect(safeNextPath('/trace/abc#top')).toBe('/trace/abc#top');
  });

  it('sends every other target home', () => {
    for (const bad of [undefined, '', 'search', '//evil.example/x', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '/\tevil', ['/x']]) {
      expect(safeNextPath(bad)).toBe('/');
    }
  });
});
