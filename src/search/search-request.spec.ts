import { parseSearchRequest } from './search-request';

function sortError(sort: string): string {
  try {
    parseSearchRequest({ sort });
  } catch (e) {
    return (e as Error).message;
  }
  return 'accepted';
}

describe('parseSearchRequest: sort', () => {
  it.each([
    ['desc', 'desc', '@timestamp'],
    ['ASC', 'asc', '@timestamp'],
    ['response_time_ms:asc', 'asc', 'response_time_ms'],
    ['service desc', 'desc', 'service'],
    ['status_code', 'desc', 'status_code'],
  ])('reads %j', (sort, direction, field) => {
    expect(parseSearchRequest({ sort })).toMatchObject({ sort: direction, sortField: field });
  });

  it.each(['sideways', 'nosuchfield:asc', 'message:asc', 'tags', 'fields.region:desc', 'level:up'])('rejects %j naming the parameter', (sort) => {
    expect(sortError(sort)).toMatch(/^sort: /);
  });
});
