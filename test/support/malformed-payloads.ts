import type { CallChannel } from '../../shared/ipc/channels';
import { samplePayloads } from './sample-payloads';

export interface MalformedPayload {
  label: string;
  payload: unknown;
}

const huge = 'x'.repeat(1_000_000);

/** An object nested a thousand levels deep: a parser that recurses without a bound would overflow on it. */
function deepJunk(): unknown {
  let junk: unknown = 'bottom';
  for (let level = 0; level < 1000; level++) junk = { a: [junk] };
  return junk;
}

/** Keys as JSON.parse makes them (own properties), the way a hostile page would send them through structured clone. */
const pollution = [
  { key: '__proto__', value: JSON.parse('{"__proto__": {"polluted": true}}') },
  { key: 'constructor', value: { constructor: { prototype: { polluted: true } } } },
  { key: 'prototype', value: { prototype: { polluted: true } } },
];

/** A value of another JSON type than `value`, so a field's type check must refuse it. */
function wrongTypeFor(value: unknown): unknown {
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number') return '1; DROP TABLE downloads';
  if (typeof value === 'boolean') return 'yes';
  if (Array.isArray(value)) return { 0: value[0], length: 1 };
  return ['not', 'an', 'object'];
}

function withField(sample: object, key: string, value: unknown): object {
  const copy: Record<string, unknown> = { ...sample };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

/** Payloads no valid window would send, built from the channel's valid sample so each probes that channel's schema. */
export function malformedPayloads(channel: CallChannel): MalformedPayload[] {
  const sample: unknown = samplePayloads[channel];
  const shapes: MalformedPayload[] = [
    { label: 'a number', payload: 42 },
    { label: 'a huge string', payload: huge },
    { label: 'an array of junk', payload: [null, {}, huge] },
    { label: 'deeply nested junk', payload: deepJunk() },
  ];
  if (sample === undefined) {
    return [
      ...shapes,
      { label: 'an empty object', payload: {} },
      ...pollution.map(({ key, value }) => ({ label: `an object with an own "${key}" key`, payload: value })),
    ];
  }
  const fields = sample as Record<string, unknown>;
  return [
    ...shapes,
    { label: 'null', payload: null },
    { label: 'nothing', payload: undefined },
    { label: 'an extra field', payload: { ...fields, extra: 'field' } },
    ...pollution.map(({ key, value }) => ({
      label: `an own "${key}" key`,
      payload: withField(fields, key, value[key as keyof typeof value]),
    })),
    ...Object.keys(fields).flatMap((key) => [
      { label: `"${key}" of the wrong type`, payload: { ...fields, [key]: wrongTypeFor(fields[key]) } },
      { label: `"${key}" as nested junk`, payload: { ...fields, [key]: deepJunk() } },
      { label: `"${key}" as a huge string`, payload: { ...fields, [key]: huge } },
    ]),
  ];
}
