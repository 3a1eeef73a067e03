import type { StateCreator } from 'zustand';
import { errorMessage, type FerryClient } from '../ipc/client';
import type { AccountsSlice, FerryState } from './ferry-state';

export function createAccountsSlice(client: FerryClient): StateCreator<FerryState, [], [], AccountsSlice> {
  const refresh = async (set: (partial: Partial<FerryState>) => void) => {
    set({ accounts: await client.call('accounts:list'), accountsError: null });
  };
  return (set, get) => ({
    accounts: [],
    accountsError: null,
    accountChecks: {},
    async loadAccounts() {
      try {
        await refresh(set);
      } catch (error) {
        set({ accountsError: errorMessage(error) });
      }
    },
    async createAccount(account) {
      try {
        await client.call('accounts:create', account);
        await refresh(set);
        return true;
      } catch (error) {
        set({ accountsError: errorMessage(error) });
        return false;
      }
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
    async testAccount(id) {
      try {
        const { message } = await client.call('accounts:test', { id });
        set({ accountChecks: { ...get().accountChecks, [id]: { ok: true, message } } });
      } catch (error) {
        set({ accountChecks: { ...get().accountChecks, [id]: { ok: false, message: errorMessage(error) } } });
      }
    },
  });
}

async function guarded(set: (partial: Partial<FerryState>) => void, action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    set({ accountsError: errorMessage(error) });
  }
}
