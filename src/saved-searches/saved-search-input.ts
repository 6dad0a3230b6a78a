import { BadRequestException } from '@nestjs/common';
import { badParameter, integerParam, nameParam, optionalTextParam } from '../platform/http/bad-request';
import { buildScope } from '../search/scope-builder';
import { parseSearchRequest } from '../search/search-request';
import { SavedSearchChanges } from './saved-search';

const MAX_NAME = 200;
const MAX_DESCRIPTION = 2000;
const MAX_FILTERS_BYTES = 16 * 1024;

export interface NewSavedSearch {
  name: string;
  description: string | null;
  filters: Record<string, unknown>;
}

type Body = Record<string, unknown>;

const name = (raw: unknown): string => nameParam(raw, 'name', MAX_NAME);

const description = (raw: unknown): string | null => optionalTextParam(raw, 'description', MAX_DESCRIPTION);

/** Filters must be a search the search API would run, so a saved search can always be replayed. */
function filters(raw: unknown): Record<string, unknown> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw badParameter('filters', 'must be an object such as {"q": "timeout", "level": "ERROR"}');
  const value = raw as Record<string, unknown>;
  if (JSON.stringify(value).length > MAX_FILTERS_BYTES) throw badParameter('filters', `is larger than ${MAX_FILTERS_BYTES / 1024} KB`);
  try {
    buildScope('validation', parseSearchRequest(value));
  } catch (error) {
    if (!(error instanceof BadRequestException)) throw error;
    const { field, message } = error.getResponse() as { field: string; message: string };
    throw badParameter(`filters.${field}`, message.slice(field.length + 2));
  }
  return value;
}

export function parseNewSavedSearch(body: Body): NewSavedSearch {
  return { name: name(body.name), description: description(body.description), filters: filters(body.filters) };
}

export function parseSavedSearchChanges(body: Body): SavedSearchChanges {
  const changes: SavedSearchChanges = {};
  if (body.name !== undefined) changes.name = name(body.name);
  if (body.description !== undefined) changes.description = description(body.description);
  if (Object.keys(changes).length === 0) throw badParameter('name', 'send a new name or description');
  return changes;
}

/** A `?limit=` from 1 to `max`. */
export function limitParam(raw: unknown, fallback: number, max: number): number {
  return integerParam(raw, 'limit', fallback, 1, max);
}
