import type { SchemaObject } from '@nestjs/swagger';

/**
 * Small builders for the OpenAPI (3.0) schemas of the API's answers and bodies, so a
 * response shape reads close to the object literal a controller returns.
 */
export type Schema = SchemaObject | { $ref: string };

const components = new Map<string, SchemaObject>();

export const str = (description?: string, extra: SchemaObject = {}): SchemaObject => ({ type: 'string', ...(description ? { description } : {}), ...extra });
export const int = (description?: string, extra: SchemaObject = {}): SchemaObject => ({ type: 'integer', ...(description ? { description } : {}), ...extra });
export const num = (description?: string): SchemaObject => ({ type: 'number', ...(description ? { description } : {}) });
export const bool = (description?: string): SchemaObject => ({ type: 'boolean', ...(description ? { description } : {}) });
export const time = (description?: string): SchemaObject => str(description, { format: 'date-time' });
export const oneOf = (values: readonly string[], description?: string): SchemaObject => str(description, { enum: [...values] });
export const arr = (items: Schema, description?: string): SchemaObject => ({ type: 'array', items, ...(description ? { description } : {}) });
/** Any JSON value (a record's free-form `fields`, an input's own body). */
export const any = (description?: string): SchemaObject => (description ? { description } : {});

/**
 * A value that may be null: OpenAPI 3.0 `nullable`, which only widens a `type` written beside
 * it (and an `enum` must list null itself). A named schema is copied in rather than referenced,
 * since `allOf` around a reference would still refuse null.
 */
export function nullable(schema: Schema): SchemaObject {
  const own = '$ref' in schema ? components.get(schema.$ref.replace('#/components/schemas/', '')) : schema;
  if (!own) throw new Error(`nullable(): unknown schema ${(schema as { $ref: string }).$ref}`);
  return { ...own, nullable: true, ...(own.enum ? { enum: [...own.enum, null] } : {}) };
}

/** An object with these properties, all of them present in every answer unless listed in `optional`. */
export function obj(properties: Record<string, Schema>, options: { optional?: string[]; open?: boolean; description?: string } = {}): SchemaObject {
  const optional = new Set(options.optional ?? []);
  const required = Object.keys(properties).filter((k) => !optional.has(k));
  return {
    type: 'object',
    ...(options.description ? { description: options.description } : {}),
    properties,
    ...(required.length > 0 ? { required } : {}),
    ...(options.open === false ? { additionalProperties: false } : {}),
  };
}

/** A map from names to values of one shape (`levels: {ERROR: 3}`). */
export const map = (values: Schema, description?: string): SchemaObject => ({ type: 'object', additionalProperties: values, ...(description ? { description } : {}) });

/** The `{success: true, ...}` envelope of Lognest's JSON answers. */
export const ok = (properties: Record<string, Schema>, optional?: string[]): SchemaObject => obj({ success: bool(), ...properties }, { optional });

/** A request body: only the properties a caller may send; which of them are required. */
export function input(properties: Record<string, Schema>, required: string[] = []): SchemaObject {
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
}

/**
 * A named schema in `components.schemas`, referenced by `$ref`. Registered when the module
 * defining it loads (decorators run at class definition), read when the document is built.
 */
export function component(name: string, schema: SchemaObject): { $ref: string } {
  const known = components.get(name);
  if (known && JSON.stringify(known) !== JSON.stringify(schema)) throw new Error(`OpenAPI schema ${name} is defined twice, differently`);
  components.set(name, schema);
  return { $ref: `#/components/schemas/${name}` };
}

export function registeredComponents(): Record<string, SchemaObject> {
  return Object.fromEntries([...components.entries()].sort(([a], [b]) => a.localeCompare(b)));
}
