import { z } from 'zod';

type JsonSchema = {
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  minItems?: number;
  minLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  format?: string;
  default?: unknown;
};

/** The JSON Schema of a zod schema as it travels on the wire (params as sent, results and events as received). */
export function wireSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
}

/**
 * One deterministic example value for a JSON Schema: every property present (optional ones too, so the
 * whole shape is on record), the first choice of each union, strings named after their field.
 */
export function exampleOf(schema: JsonSchema, root: JsonSchema = schema, name = 'value'): unknown {
  if (schema.$ref) {
    const key = schema.$ref.replace(/^#\/\$defs\//, '');
    const target = root.$defs?.[key];
    if (!target) throw new Error(`Unresolved $ref ${schema.$ref}`);
    return exampleOf(target, root, name);
  }
  if ('const' in schema) return schema.const;
  if (schema.enum) return schema.enum[0];
  const choices = schema.oneOf ?? schema.anyOf;
  if (choices) return exampleOf(choices.find((choice) => choice.type !== 'null') ?? choices[0]!, root, name);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((part) => exampleOf(part, root, name)));
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const type = types.find((candidate) => candidate !== 'null') ?? types[0];
  switch (type) {
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const [key, property] of Object.entries(schema.properties ?? {}))
        value[key] = exampleOf(property, root, key);
      if (!schema.properties && typeof schema.additionalProperties === 'object') {
        // A record over an enum needs every key; any other record gets one.
        const keys = schema.propertyNames?.enum ?? [
          schema.propertyNames ? exampleOf(schema.propertyNames, root, 'key') : 'key',
        ];
        for (const key of keys) value[String(key)] = exampleOf(schema.additionalProperties, root, String(key));
      }
      return value;
    }
    case 'array':
      if (schema.prefixItems) return schema.prefixItems.map((item, index) => exampleOf(item, root, `${name}${index}`));
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => exampleOf(schema.items ?? {}, root, name));
    case 'string':
      if (schema.format === 'date-time') return '2026-01-02T03:04:05.000Z';
      return `${name}-example`.padEnd(schema.minLength ?? 0, 'x');
    case 'integer':
    case 'number':
      return Math.min(
        schema.maximum ?? Number.MAX_SAFE_INTEGER,
        Math.max(schema.minimum ?? 1, (schema.exclusiveMinimum ?? 0) + 1, 1),
      );
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      // An unrepresentable or open schema (z.unknown(), z.any()): any JSON will do.
      return schema.default ?? {};
  }
}

/** The variants of a discriminated union's JSON Schema, keyed by the value of `field`. */
export function variantsBy(schema: JsonSchema, field: string): Map<string, JsonSchema> {
  const variants = new Map<string, JsonSchema>();
  for (const variant of schema.oneOf ?? schema.anyOf ?? []) {
    const resolved = variant.$ref ? (schema.$defs?.[variant.$ref.replace(/^#\/\$defs\//, '')] ?? variant) : variant;
    const tag = resolved.properties?.[field]?.const;
    if (typeof tag === 'string') variants.set(tag, { ...resolved, $defs: schema.$defs });
  }
  return variants;
}
