import { Schema, SchemaDefinition } from 'mongoose';

/**
 * Helpers shared by the MongoDB metadata adapters. A domain object's `id` is the document's
 * `_id` (uniqueness for free, no second index); every other field keeps its domain name.
 */
export type Stored<T extends { id: string }> = Omit<T, 'id'> & { _id: string };

export function asDocument<T extends { id: string }>(value: T): Stored<T> {
  const { id, ...rest } = value;
  return { _id: id, ...rest } as Stored<T>;
}

export function fromDocument<T extends { id: string }>(doc: unknown): T {
  const { _id, __v, ...rest } = doc as Record<string, unknown>;
  void __v;
  return { id: _id, ...rest } as T;
}

/**
 * A schema for documents keyed by a string `_id`. `minimize: false` keeps empty objects
 * (`errors: []`, `options: {}`) as they were written, as the SQLite adapters return them.
 */
export function documentSchema<T>(definition: SchemaDefinition, indexes: [Record<string, 1 | -1>, { unique?: boolean }?][] = []): Schema<T> {
  const schema = new Schema<T>({ _id: { type: String, required: true }, ...definition }, { versionKey: false, minimize: false, strict: true, id: false, suppressReservedKeysWarning: true });
  for (const [fields, options] of indexes) schema.index(fields, options ?? {});
  return schema;
}

/** MongoDB's duplicate key error (a unique index refused the write). */
export function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: number } | null)?.code === 11000;
}

/**
 * A domain value as its JSON: the driver writes an `undefined` property as null, where the
 * SQLite adapters' JSON columns (and the contract suites) leave it out.
 */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Inserts a document unless its `_id` is taken; whether it was inserted. */
export async function insertIfNew(collection: { insertOne(doc: never): Promise<unknown> }, doc: { _id: string; [field: string]: unknown }): Promise<boolean> {
  try {
    await collection.insertOne(doc as never);
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}
