import { describe, expect, it } from 'vitest';
import { accountChoices, addBatches, signingLabel } from '../../renderer/store/add-accounts';
import type { Account } from '../../shared/accounts';
import type { RefPreview } from '../../shared/ref-preview';

function account(id: string, provider: Account['provider'], isDefault = false): Account {
  return { id, provider, label: `Label ${id}`, baseUrl: null, isDefault, fields: {} };
}

function understood(ref: string, platform: 'echo3d' | 'scenario' | 'http', accountLabel: string | null) {
  return { ref, ok: true, platform, kind: 'entry', accountLabel } as const;
}

const accounts = [account('e1', 'echo3d'), account('e2', 'echo3d', true), account('s1', 'scenario', true)];
const previews: RefPreview[] = [
  understood('echo3d:a', 'echo3d', 'Label e2'),
  understood('scenario:b', 'scenario', 'Label s1'),
  understood('https://x/c', 'http', null),
  { ref: 'ftp://d', ok: false, message: 'not a link' },
  understood('echo3d:e', 'echo3d', 'Label e2'),
];

describe('account choices in the add dialog', () => {
  it('offers a choice only for platforms of the links with several accounts, the default first chosen', () => {
    const choices = accountChoices(previews, accounts);
    expect(choices.map((choice) => [choice.platform, choice.defaultId, choice.accounts.length])).toEqual([
      ['echo3d', 'e2', 2],
    ]);
  });

  it('names the picked account on the line, and the default until one is picked', () => {
    const choices = accountChoices(previews, accounts);
    const echo = previews[0] as Extract<RefPreview, { ok: true }>;
    expect(signingLabel(echo, choices, {})).toBe('Label e2');
    expect(signingLabel(echo, choices, { echo3d: 'e1' })).toBe('Label e1');
    expect(signingLabel(previews[1] as Extract<RefPreview, { ok: true }>, choices, { echo3d: 'e1' })).toBe('Label s1');
  });

  it('adds the links of a picked platform with that account and the others with their defaults, leaving bad lines', () => {
    expect(addBatches(previews, { echo3d: 'e1' })).toEqual([
      { refs: ['echo3d:a', 'echo3d:e'], accountId: 'e1' },
      { refs: ['scenario:b', 'https://x/c'] },
    ]);
    expect(addBatches(previews, {})).toEqual([{ refs: ['echo3d:a', 'scenario:b', 'https://x/c', 'echo3d:e'] }]);
  });
});
