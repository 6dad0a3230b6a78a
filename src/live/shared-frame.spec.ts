import { LiveEntry } from './live-entry';
import { SharedFrame } from './shared-frame';

describe('SharedFrame', () => {
  const entry = (id: string): LiveEntry => ({ id, json: JSON.stringify({ id }) });
  const a = entry('a');
  const b = entry('b');
  const c = entry('c');

  it('builds once for the same entries in other arrays, again for any other batch', () => {
    const built: string[] = [];
    const frames = new SharedFrame((entries) => {
      const text = entries.map((e) => e.id).join('');
      built.push(text);
      return { text };
    });
    const first = frames.of([a, b]);
    expect(frames.of([a, b])).toBe(first);
    expect(frames.of([a, c]).text).toBe('ac');
    expect(frames.of([a, c, b]).text).toBe('acb');
    expect(frames.of([a, b]).text).toBe('ab');
    expect(frames.of([entry('a'), b]).text).toBe('ab'); // another entry with the same id is another record's frame
    expect(built).toEqual(['ab', 'ac', 'acb', 'ab', 'ab']);
  });
});
