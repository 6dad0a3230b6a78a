import { BadRequestException } from '@nestjs/common';
import { limitParam, parseNewSavedSearch, parseSavedSearchChanges } from './saved-search-input';

function problem(run: () => unknown): { field: string; message: string } | undefined {
  try {
    run();
  } catch (e) {
    if (e instanceof BadRequestException) return e.getResponse() as { field: string; message: string };
    throw e;
  }
  return undefined;
}

describe('saved search input', () => {
  it('takes a name, an optional description and search filters', () => {
    expect(parseNewSavedSearch({ name: '  Prod 500s ', filters: { level: 'ERROR', status_code: '500' } }))
      .toEqual({ name: 'Prod 500s', description: null, filters: { level: 'ERROR', status_code: '500' } });
    expect(parseNewSavedSearch({ name: 'all', description: 'everything' })).toEqual({ name: 'all', description: 'everything', filters: {} });
  });

  it('names the field at fault', () => {
    expect(problem(() => parseNewSavedSearch({}))?.field).toBe('name');
    expect(problem(() => parseNewSavedSearch({ name: '   ' }))?.field).toBe('name');
    expect(problem(() => parseNewSavedSearch({ name: 'x'.repeat(201) }))?.field).toBe('name');
    expect(problem(() => parseNewSavedSearch({ name: 'ok', description: 5 }))?.field).toBe('description');
    expect(problem(() => parseNewSavedSearch({ name: 'ok', filters: 'level:ERROR' }))?.field).toBe('filters');
    expect(problem(() => parseNewSavedSearch({ name: 'ok', filters: ['a'] }))?.field).toBe('filters');
    expect(problem(() => parseNewSavedSearch({ name: 'ok', filters: { level: 'LOUD' } }))).toEqual(
      expect.objectContaining({ field: 'filters.level', message: expect.stringMatching(/^filters\.level: "LOUD" is not one of/) }),
    );
    expect(problem(() => parseNewSavedSearch({ name: 'ok', filters: { date_from: 'someday' } }))?.field).toBe('filters.date_from');
  });

  it('takes a rename or a new description, and needs one of them', () => {
    expect(parseSavedSearchChanges({ name: 'new' })).toEqual({ name: 'new' });
    expect(parseSavedSearchChanges({ description: '' })).toEqual({ description: null });
    expect(problem(() => parseSavedSearchChanges({}))?.field).toBe('name');
  });

  it('reads limits within bounds', () => {
    expect(limitParam(undefined, 50, 500)).toBe(50);
    expect(limitParam('7', 50, 500)).toBe(7);
    expect(problem(() => limitParam('0', 50, 500))?.field).toBe('limit');
    expect(problem(() => limitParam('501', 50, 500))?.field).toBe('limit');
    expect(problem(() => limitParam('abc', 50, 500))?.field).toBe('limit');
  });
});
