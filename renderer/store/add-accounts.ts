import type { Account } from '../../shared/accounts';
import type { RefPreview } from '../../shared/ref-preview';

type Understood = Extract<RefPreview, { ok: true }>;

/** A platform of the pasted links with several accounts: the person picks which one signs them. */
export interface AccountChoice {
  platform: Account['provider'];
  accounts: Account[];
  /** The account that signs unless another is picked: the platform's default, else its first. */
  defaultId: string;
}

/** Picked accounts by platform; a platform left out signs with its default. */
export type PickedAccounts = Partial<Record<Account['provider'], string>>;

/** The platforms among the understood links that have more than one account, in the order the links name them. */
export function accountChoices(previews: RefPreview[], accounts: Account[]): AccountChoice[] {
  const platforms = [...new Set(previews.filter(isUnderstood).map((preview) => preview.platform))];
  return platforms.flatMap((platform) => {
    const own = accounts.filter((account) => account.provider === platform);
    if (own.length < 2) return [];
    const defaultId = (own.find((account) => account.isDefault) ?? own[0])?.id ?? '';
    return [{ platform: platform as Account['provider'], accounts: own, defaultId }];
  });
}

/** The label of the account that will sign the link: the picked one, else what the main process said. */
export function signingLabel(preview: Understood, choices: AccountChoice[], picked: PickedAccounts): string | null {
  const choice = choices.find((candidate) => candidate.platform === preview.platform);
  const id = choice ? (picked[choice.platform] ?? choice.defaultId) : null;
  return choice?.accounts.find((account) => account.id === id)?.label ?? preview.accountLabel;
}

/** One add per signing account: links of a platform with a picked account go with it, the rest with their defaults. */
export function addBatches(previews: RefPreview[], picked: PickedAccounts): { refs: string[]; accountId?: string }[] {
  const batches = new Map<string, string[]>();
  for (const preview of previews.filter(isUnderstood)) {
    const key = picked[preview.platform as Account['provider']] ?? '';
    batches.set(key, [...(batches.get(key) ?? []), preview.ref]);
  }
  return [...batches].map(([accountId, refs]) => (accountId ? { refs, accountId } : { refs }));
}

function isUnderstood(preview: RefPreview): preview is Understood {
  return preview.ok;
}
