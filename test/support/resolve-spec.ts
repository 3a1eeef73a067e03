import type { DownloadSpec } from '../../electron/engine/download-spec';
import type { Provider, ResolveContext } from '../../electron/providers/provider';

/** A provider's resolution when it must be a spec for the engine (not content the provider fetches itself). */
export async function resolveSpec(provider: Provider, ref: string, context: ResolveContext): Promise<DownloadSpec> {
  const resolution = await provider.resolve(ref, context);
  if ('fetch' in resolution) throw new Error(`${ref} resolved to content the provider fetches, not a spec`);
  return resolution;
}
