import { echo3dProvider } from './echo3d-provider';
import { httpProvider } from './http-provider';
import type { Provider } from './provider';

const providers: Provider[] = [echo3dProvider, httpProvider];

export function providerById(id: string): Provider | undefined {
  return providers.find((provider) => provider.id === id);
}

export function providerFor(ref: string): Provider | undefined {
  return providers.find((provider) => provider.recognizes(ref));
}

/** What is wrong with a ref, in words, or null when some provider can fetch it. */
export function refProblem(ref: string): string | null {
  const provider = providerFor(ref);
  if (!provider) {
    return `"${ref.slice(0, 200)}" is not something Ferry can download: give an http:// or https:// link, or an echo3d: ref.`;
  }
  return provider.refProblem(ref);
}
