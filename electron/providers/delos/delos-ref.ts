import { unknownParameterProblem } from '../ref-parameters';

/** One file of Delos storage, and the customer it is asked for when the ref names one. */
export interface DelosRef {
  fileId: string;
  customerId?: string;
}

const DELOS_FORM = 'delos:file/<fileId>[?customer=<customerId>]';
/** Letters, digits and `._~-`, but not dots alone: `..` would climb out of /v2/storage/file/ in the URL. */
const ID = /^(?!\.+$)[A-Za-z0-9._~-]{1,200}$/;

export function isDelosRef(ref: string): boolean {
  return ref.trim().toLowerCase().startsWith('delos:');
}

/** `delos:file/<fileId>[?customer=<customerId>]`; null when the text is anything else. */
export function parseDelosRef(ref: string): DelosRef | null {
  const match = /^delos:file\/([^?#]*)(?:\?([^#]*))?$/i.exec(ref.trim());
  if (!match || !ID.test(match[1] ?? '')) return null;
  const options = new URLSearchParams(match[2] ?? '');
  if ([...options.keys()].some((key) => key !== 'customer')) return null;
  const customers = options.getAll('customer');
  if (customers.length > 1 || customers.some((customer) => !ID.test(customer))) return null;
  return customers[0] ? { fileId: match[1] as string, customerId: customers[0] } : { fileId: match[1] as string };
}

export function delosRefProblem(ref: string): string | null {
  if (parseDelosRef(ref)) return null;
  const match = /^delos:file\/([^?#]*)\?([^#]*)/i.exec(ref.trim());
  // A wrong id says more than a wrong parameter: the form is shown for that.
  const unknown =
    match && ID.test(match[1] ?? '') && unknownParameterProblem('delos:file', match[2] ?? '', ['customer']);
  if (unknown) return unknown;
  return `"${ref.slice(0, 200)}" is not a Delos ref: use ${DELOS_FORM}, with ids of letters, digits, dots, dashes and underscores.`;
}

export function formatDelosRef(ref: DelosRef): string {
  const customer = ref.customerId ? `?${new URLSearchParams({ customer: ref.customerId })}` : '';
  return `delos:file/${ref.fileId}${customer}`;
}
