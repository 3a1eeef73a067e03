import { echo3dProvider } from './echo3d-provider';
import { httpProvider } from './http-provider';
import type { Provider } from './provider';

/**
 * The platforms one process can download from. Services are handed a registry
 * rather than importing a list, so tests can give them providers of their own.
 */
export interface ProviderRegistry {
  byId(id: string): Provider | undefined;
  /** The provider that understands the ref; direct links come last, so a platform can claim its own URLs. */
  forRef(ref: string): Provider | undefined;
  /** What is wrong with a ref, in words, or null when some provider can fetch it. */
  refProblem(ref: string): string | null;
}

function createProviderRegistry(providers: readonly Provider[]): ProviderRegistry {
  const forRef = (ref: string) => providers.find((provider) => provider.recognizes(ref));
  return {
    byId: (id) => providers.find((provider) => provider.id === id),
    forRef,
    refProblem(ref) {
      const provider = forRef(ref);
      if (!provider) {
        return `"${ref.slice(0, 200)}" is not something Ferry can download: give an http:// or https:// link, or an echo3d: ref.`;
      }
      return provider.refProblem(ref);
    },
  };
}

/** Every platform Ferry ships with. */
export function defaultProviders(): ProviderRegistry {
  return createProviderRegistry([echo3dProvider, httpProvider]);
}
