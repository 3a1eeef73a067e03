import type { z } from 'zod';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  in?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
  items?: z.ZodType[];
  getter?: () => z.ZodType;
}

const wrappers = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

/**
 * Every place in a schema that takes free text, as dotted paths (`[]` for array items, `{}` for a record's values,
 * `{key}` for its keys), so a test can look for fields that could carry a file path.
 */
export function stringFields(schema: z.ZodType, path = ''): string[] {
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  const at = (suffix: string) => (path ? `${path}.${suffix}` : suffix);
  if (def.type === 'string' || def.type === 'template_literal') return [path || '(the payload)'];
  if (wrappers.has(def.type) && def.innerType) return stringFields(def.innerType, path);
  if (def.type === 'object' && def.shape) {
    return Object.entries(def.shape).flatMap(([key, field]) => stringFields(field, at(key)));
  }
  if (def.type === 'array' && def.element) return stringFields(def.element, at('[]'));
  if (def.type === 'record' && def.keyType && def.valueType) {
    return [...stringFields(def.keyType, at('{key}')), ...stringFields(def.valueType, at('{}'))];
  }
  if (def.type === 'union' && def.options)
    return [...new Set(def.options.flatMap((option) => stringFields(option, path)))];
  if (def.type === 'pipe' && def.in) return stringFields(def.in, path);
  if (def.type === 'intersection' && def.left && def.right) {
    return [...stringFields(def.left, path), ...stringFields(def.right, path)];
  }
  if (def.type === 'tuple' && def.items)
    return def.items.flatMap((item, index) => stringFields(item, at(String(index))));
  if (def.type === 'lazy' && def.getter) return stringFields(def.getter(), path);
  return [];
}
