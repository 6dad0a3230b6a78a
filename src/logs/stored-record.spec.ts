import { wellFormedJson } from './stored-record';

describe('wellFormedJson', () => {
  it('replaces each lone surrogate escape by U+FFFD and keeps pairs and escaped backslashes', () => {
    const json = JSON.stringify({ a: 'bad \ud800 x \udfff', pair: 'ok \ud83d\ude00', text: 'C:\\ud800', both: '\\\ud800' });
    const parsed = JSON.parse(wellFormedJson(json));
    expect(parsed).toEqual({ a: 'bad \ufffd x \ufffd', pair: 'ok \ud83d\ude00', text: 'C:\\ud800', both: '\\\ufffd' });
  });

  it('leaves JSON without surrogate escapes as it is', () => {
    const json = JSON.stringify({ message: 'plain', path: 'C:\\udata' });
    expect(wellFormedJson(json)).toBe(json);
  });
});
