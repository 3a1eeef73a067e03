import { type PlatformId, platforms } from '../../shared/platforms';
import { defaultSettings, type Settings } from '../../shared/settings';
import { defaultUnpackLimits, type UnpackLimits, unpackLimitsOf } from '../archives/unpack-limits';
import { createCidProvider } from './cid/cid-provider';
import { gatewayChoice } from './cid/gateways';
import { createDelosProvider } from './delos/delos-provider';
import { echo3dProvider } from './echo3d/echo3d-provider';
import { httpProvider } from './http/http-provider';
import type { Provider } from './provider';
import { refTextProblem } from './ref-text-problem';
import { batchTiming } from './scenario/batch-download';
import { createScenarioProvider } from './scenario/scenario-provider';

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
  /** Every ref form the registered platforms take, for usage texts. */
  refForms(): string[];
  /** How far post-processing may unpack an archive, read at each use so a changed setting applies to the next. */
  unpackLimits(): UnpackLimits;
}

/** The settings providers read, at each use, so a change applies to the next download. */
export type ProviderSettings = () => Pick<
  Settings,
  | 'scenarioBatchTimeoutMinutes'
  | 'delosLockedTimeoutMinutes'
  | 'ipfsGateways'
  | 'unpackMaxRatio'
  | 'unpackMaxGiB'
  | 'unpackMaxEntries'
>;

/** What one CLI run says for itself: IPFS gateways given with --gateway win over the env and the settings. */
export interface ProviderOverrides {
  gateways?: readonly string[];
}

/** One provider per platform; a platform missing here does not compile. */
const shippedProviders = (settings: ProviderSettings, overrides: ProviderOverrides) =>
  ({
    http: httpProvider,
    echo3d: echo3dProvider,
    scenario: createScenarioProvider(batchTiming(() => settings().scenarioBatchTimeoutMinutes * 60_000)),
    delos: createDelosProvider({ lockedTimeoutMs: () => settings().delosLockedTimeoutMinutes * 60_000 }),
    cid: createCidProvider({
      gateways: () => gatewayChoice(overrides.gateways ?? [], process.env, settings().ipfsGateways),
      unpackLimits: () => unpackLimitsOf(settings()),
    }),
  }) satisfies Record<PlatformId, Provider>;

export function createProviderRegistry(
  providers: readonly Provider[],
  unpackLimits: () => UnpackLimits = () => defaultUnpackLimits,
): ProviderRegistry {
  const forRef = (ref: string) => providers.find((provider) => provider.recognizes(ref));
  // Direct links first in the message: they are what most people paste.
  const hints = [...providers].reverse().map((provider) => platforms[provider.id].refHint);
  return {
    byId: (id) => providers.find((provider) => provider.id === id),
    forRef,
    refProblem(ref) {
      const textProblem = refTextProblem(ref);
      if (textProblem) return textProblem;
      const provider = forRef(ref);
      if (!provider) {
        return `"${ref.slice(0, 200)}" is not something Ferry can download: give ${listOf(hints)}.`;
      }
      return provider.refProblem(ref);
    },
    refForms: () => providers.flatMap((provider) => platforms[provider.id].refForms.map((ref) => ref.form)),
    unpackLimits,
  };
}

function listOf(items: string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/** Every platform Ferry ships with; without settings (usage texts, tests) they use the defaults. */
export function defaultProviders(
  settings: ProviderSettings = () => defaultSettings(''),
  overrides: ProviderOverrides = {},
): ProviderRegistry {
  const { http, ...platformProviders } = shippedProviders(settings, overrides);
  // Direct links come last: a platform claims its own http(s) links before they are taken as plain files.
  return createProviderRegistry([...Object.values(platformProviders), http], () => unpackLimitsOf(settings()));
}
