import { accountFieldsOf, baseUrlProblem, type ProviderId, platforms } from '../../shared/platforms';

/** What the person typed into the add or edit form; secrets stay here only until saved. */
export interface AccountDraft {
  label: string;
  baseUrl: string;
  fields: Record<string, string>;
}

/** Problems keyed by what they belong to: `label`, `baseUrl`, `signIn`, or a field's name. */
export type DraftProblems = Record<string, string>;

/** The ways to sign in, in the form's words: "Login and Password, or Access token". */
export function signInWords(provider: ProviderId): string | null {
  const { signIns } = platforms[provider];
  if (!signIns) return null;
  const labelOf = (name: string) => accountFieldsOf(provider).find((field) => field.name === name)?.label ?? name;
  return signIns.map((signIn) => joinWords(signIn.fields.map(labelOf))).join(', or ');
}

/**
 * What keeps a new account from being saved, in plain words, before it goes to
 * the main process (which checks again). Editing passes `editing`: empty
 * secrets then keep the ones in the keychain.
 */
export function draftProblems(provider: ProviderId, draft: AccountDraft, editing = false): DraftProblems {
  const problems: DraftProblems = {};
  const { displayName, signIns } = platforms[provider];
  if (draft.label.trim() === '') problems.label = 'Give the account a label, such as Studio.';
  else if (draft.label.trim().length > 80) problems.label = 'Keep the label to 80 characters.';
  const base = draft.baseUrl.trim();
  if (base && !isHttpUrl(base)) {
    problems.baseUrl = 'The base URL must be a full address starting with https:// or http://.';
  } else if (!base && baseUrlProblem(provider, null)) {
    problems.baseUrl = `Enter the address of your ${displayName} API, such as https://files.example.com.`;
  }
  if (editing) return problems;
  const filled = (name: string) => (draft.fields[name] ?? '').trim() !== '';
  for (const field of accountFieldsOf(provider)) {
    if (!field.optional && !filled(field.name)) problems[field.name] = `Enter the ${field.label}.`;
  }
  if (signIns && !signIns.some((signIn) => signIn.fields.every(filled))) {
    problems.signIn = `Fill in ${signInWords(provider)}.`;
  }
  return problems;
}

function isHttpUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

function joinWords(words: string[]): string {
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words.at(-1)}` : (words[0] ?? '');
}
