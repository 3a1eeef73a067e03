import type { AccountStore } from '../accounts/account-store';
import { signingAccount } from '../accounts/signing-account';
import type { ExpandedRef } from '../providers/provider';
import type { ProviderRegistry } from '../providers/registry';

/** Turns refs that stand for several files into one ref a file; other refs pass as they are. */
export async function expandRefs(
  refs: string[],
  providers: ProviderRegistry,
  accounts: AccountStore,
  accountId: string | null,
): Promise<ExpandedRef[]> {
  const expanded: ExpandedRef[] = [];
  for (const ref of refs) {
    const provider = providers.forRef(ref);
    const parts = provider?.expand
      ? await provider.expand(ref, () => signingAccount(accounts, provider.id, accountId))
      : null;
    expanded.push(...(parts ?? [{ ref, folder: '' }]));
  }
  return expanded;
}
