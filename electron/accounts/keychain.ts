import { Entry } from '@napi-rs/keyring';
import { FerryError } from '../../shared/errors';

/** Secrets in the operating system's keychain, one entry per account field; nothing else ever holds them. */
export interface Keychain {
  set(accountId: string, field: string, secret: string): void;
  get(accountId: string, field: string): string | null;
  remove(accountId: string, field: string): void;
}

export function keychainService(env: NodeJS.ProcessEnv = process.env): string {
  return env.FERRY_KEYCHAIN_SERVICE?.trim() || 'Ferry';
}

export function osKeychain(service: string = keychainService()): Keychain {
  const entry = (accountId: string, field: string) => new Entry(service, `${accountId}:${field}`);
  return {
    set: (accountId, field, secret) => guard(() => entry(accountId, field).setPassword(secret)),
    get: (accountId, field) => guard(() => entry(accountId, field).getPassword() ?? null),
    remove: (accountId, field) => {
      guard(() => entry(accountId, field).deletePassword());
    },
  };
}

/** The keychain's own errors say little; this one says what happened and what to install. */
function guard<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FerryError(
      'keychain',
      `Ferry could not reach the system keychain (${reason}), so the secret was not saved anywhere. ${installHint()}`,
      { cause: error },
    );
  }
}

function installHint(): string {
  if (process.platform === 'linux') {
    return 'On Linux, install and start a Secret Service such as GNOME Keyring (apt-get install gnome-keyring) and unlock it, then try again.';
  }
  if (process.platform === 'darwin') return 'Unlock the login keychain in Keychain Access, then try again.';
  return 'Check that Windows Credential Manager is available, then try again.';
}
