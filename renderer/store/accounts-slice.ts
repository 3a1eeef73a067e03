import type { StateCreator } from 'zustand';
import { isCredentialsRefusal } from '../../shared/credentials-refusal';
import { errorMessage, type FerryClient, IpcCallError } from '../ipc/client';
import type { AccountCheck, AccountsSlice, FerryState } from './ferry-state';

type Set = (partial: Partial<FerryState>) => void;

export function createAccountsSlice(client: FerryClient): StateCreator<FerryState, [], [], AccountsSlice> {
  const refresh = async (set: Set) => {
    set({ accounts: await client.call('accounts:list'), accountsError: null });
  };
  return (set, get) => {
    const setCheck = (id: string, check: AccountCheck) =>
      set({ accountChecks: { ...get().accountChecks, [id]: check } });
    return {
      accounts: [],
      accountsError: null,
      accountChecks: {},
      async loadAccounts() {
        await guarded(set, () => refresh(set));
      },
      async createAccount(account) {
        return guarded(set, async () => {
          await client.call('accounts:create', account);
          await refresh(set);
        });
      },
      async removeAccount(id) {
        await guarded(set, async () => {
          await client.call('accounts:remove', { id });
          await refresh(set);
        });
      },
      async makeDefaultAccount(id) {
        await guarded(set, async () => {
          await client.call('accounts:setDefault', { id });
          await refresh(set);
        });
      },
      async updateAccount(id, change) {
        const saved = await guarded(set, async () => {
          await client.call('accounts:update', { id, change });
          await refresh(set);
        });
        if (saved) await get().testAccount(id);
        return saved;
      },
      async testAccount(id) {
        setCheck(id, { status: 'testing' });
        try {
          const { message } = await client.call('accounts:test', { id });
          setCheck(id, { status: 'ok', message });
        } catch (error) {
          setCheck(id, { status: 'failed', message: errorMessage(error), refused: refusedCredentials(error) });
        }
      },
      dismissAccountsError() {
        set({ accountsError: null });
      },
    };
  };
}

function refusedCredentials(error: unknown): boolean {
  return error instanceof IpcCallError && error.code === 'provider' && isCredentialsRefusal(error.message);
}

/** True when the action ran; its failure shows as accountsError. */
async function guarded(set: Set, action: () => Promise<void>): Promise<boolean> {
  try {
    await action();
    return true;
  } catch (error) {
    set({ accountsError: errorMessage(error) });
    return false;
  }
}
