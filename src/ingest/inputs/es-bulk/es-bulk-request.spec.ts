import { BulkSyntaxError, parseBulk, withMeta } from './es-bulk-request';

describe('parseBulk', () => {
  it('pairs actions with documents, groups them by index and refuses what it cannot store', () => {
    const body = ['{"index":{"_index":"a"}}', '{"m":1}', '', '{"create":{"_id":7}}', '{"m":2}', '{"delete":{"_index":"a","_id":"1"}}', '{"update":{"_index":"a","_id":"1"}}', '{"doc":{}}', '{"index":{"_index":"b"}}', '{}'].join('\n');
    const { items, groups } = parseBulk(body, 'p');
    expect(items.map((i) => [i.action, i.index, i.id, i.slot, i.error?.status])).toEqual([
      ['index', 'a', null, 0, undefined],
      ['create', 'p', '7', 0, undefined],
      ['delete', 'a', '1', undefined, 400],
      ['update', 'a', '1', undefined, 400],
      ['index', 'b', null, 0, undefined],
    ]);
    expect(groups.get('a')).toEqual(['{"_index":"a","m":1}']);
    expect(groups.get('p')).toEqual(['{"_index":"p","_id":"7","m":2}']);
    expect(groups.get('b')).toEqual(['{"_index":"b"}']);
  });

  it('refuses an item without an index, and a malformed or unterminated request as a whole', () => {
    expect(parseBulk('{"index":{}}\n{"m":1}\n', null).items[0].error).toMatchObject({ status: 400, reason: 'index is missing' });
    expect(() => parseBulk('{"index":\n{"m":1}\n', null)).toThrow(new BulkSyntaxError('Malformed action/metadata line [1], expected START_OBJECT'));
    expect(() => parseBulk('{"upsert":{}}\n{}\n', null)).toThrow(/expected one of index, create, update, delete/);
    expect(() => parseBulk('{"index":{}}\n', 'x')).toThrow(/has no document/);
    expect(() => parseBulk('\n\n', 'x')).toThrow(/request body is required/);
  });
});

describe('withMeta', () => {
  it('splices the index (and id) before the document keys, leaving non-objects for the pipeline to reject', () => {
    expect(withMeta(' { "a" : 1 } ', 'i', null)).toBe('{"_index":"i","a" : 1 }');
    expect(withMeta('{ }', 'i', 'x"y')).toBe('{"_index":"i","_id":"x\\"y"}');
    expect(JSON.parse(withMeta('{"_index":"own"}', 'i', null))._index).toBe('own');
    expect(withMeta('[1]', 'i', null)).toBe('[1]');
  });
});
