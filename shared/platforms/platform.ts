/** One field of a platform's account; secret ones live only in the OS keychain. */
export interface AccountField {
  /** The key the library, the keychain and `ferry accounts add --field` use. */
  name: string;
  /** What the window calls it ("API key"). */
  label: string;
  secret: boolean;
  optional: boolean;
  /** What to type there, for the Accounts form and `ferry help accounts`. */
  hint: string;
}

/** One way to write what to download on a platform. */
export interface RefForm {
  form: string;
  meaning: string;
}

/**
 * What a person (the CLI's usage, the Accounts form, error messages) needs to
 * know of a platform, with no code that talks to it: that lives in
 * `electron/providers/<id>/`. Plain data, so the window can read it.
 */
export interface PlatformDescriptor {
  displayName: string;
  /** Whether downloads sign with an account; an optional one is used when there is one (the CID store, else gateways). */
  account: 'required' | 'optional' | 'none';
  /** Empty for platforms that need no account. */
  accountFields: AccountField[];
  /** Field sets of which one must be complete, when the platform takes several ways to sign in. */
  signIns?: { fields: string[]; name: string }[];
  /** The API address when the account names none; null when every account must give its own. */
  defaultBaseUrl: string | null;
  refForms: RefForm[];
  /** How the "not something Ferry can download" message names this platform's refs. */
  refHint: string;
  /** Whether `ferry accounts browse` and the window's library picker can list an account's files. */
  browsable: boolean;
  /** What to check when the platform refuses an account's credentials. */
  credentialsHelp: string;
}

export const field = (
  name: string,
  label: string,
  hint: string,
  traits: { secret?: boolean; optional?: boolean } = {},
) => ({
  name,
  label,
  hint,
  secret: traits.secret ?? false,
  optional: traits.optional ?? false,
});
