import type { Account } from '../../shared/accounts';
import { platforms } from '../../shared/platforms';
import type { RefPreview } from '../../shared/ref-preview';
import type { AccountStore } from '../accounts/account-store';
import type { Provider } from '../providers/provider';
import type { ProviderRegistry } from '../providers/registry';
import { misfitMessage } from './enqueue';

export interface PreviewRequest {
  refs: string[];
  /** The account the add would sign with; each platform's default account otherwise. */
  accountId?: string;
}

/**
 * What Ferry understands of each ref before anything is queued: the platform,
 * the kind of thing, the account that would sign it, the format. Read from the
 * text alone, with the same checks and words as `enqueue`; no platform is asked.
 */
export function previewRefs(
  providers: ProviderRegistry,
  accounts: Pick<AccountStore, 'list'>,
  request: PreviewRequest,
): RefPreview[] {
  const all = accounts.list();
  const named = request.accountId ? all.find((account) => account.id === request.accountId) : undefined;
  return request.refs.map((ref): RefPreview => {
    const problem = providers.refProblem(ref);
    if (problem !== null) return { ref, ok: false, message: problem };
    // refProblem found no problem, so some provider takes the ref.
    const provider = providers.forRef(ref) as Provider;
    if (request.accountId && !named) {
      return { ref, ok: false, message: 'That account no longer exists. Pick another account and try again.' };
    }
    const needsAccount = platforms[provider.id].account !== 'none';
    if (named && needsAccount && named.provider !== provider.id) {
      return { ref, ok: false, message: misfitMessage(named, ref) };
    }
    const signer = needsAccount ? (named ?? defaultAccount(all, provider.id)) : undefined;
    const { kind, format, formats } = provider.describe?.(ref) ?? { kind: 'file' };
    return {
      ref,
      ok: true,
      platform: provider.id,
      kind,
      accountLabel: signer?.label ?? null,
      ...(format === undefined ? {} : { format }),
      ...(formats ? { formats: [...formats] } : {}),
    };
  });
}

function defaultAccount(accounts: Account[], provider: string): Account | undefined {
  return accounts.find((account) => account.provider === provider && account.isDefault);
}
