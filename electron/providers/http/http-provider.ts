import type { Provider } from '../provider';
import { unpackWhenAsked } from '../unpack-when-asked';

/** Direct http(s) links: the spec is the link itself, no account needed. */
export const httpProvider: Provider = {
  id: 'http',
  recognizes: (ref) => /^https?:\/\//i.test(ref.trim()),
  refProblem: (ref) => (parseHttp(ref) ? null : `"${ref.slice(0, 200)}" is not a valid http(s) link.`),
  describe: () => ({ kind: 'link' }),
  resolve: async (ref) => ({ url: (parseHttp(ref) as URL).href }),
  postProcess: unpackWhenAsked,
};

function parseHttp(ref: string): URL | null {
  try {
    const url = new URL(ref.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}
