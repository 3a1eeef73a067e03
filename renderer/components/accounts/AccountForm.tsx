import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { baseUrlProblem, type ProviderId, platforms, providerIds } from '../../../shared/platforms';
import { type AccountDraft, draftProblems, signInWords } from '../../store/account-form';
import { useFerry } from '../../store/store-context';
import { DraftInput } from './DraftInput';

const emptyDraft: AccountDraft = { label: '', baseUrl: '', fields: {} };

/**
 * Adds an account: the platform's fields with their labels and hints, secrets
 * as password inputs that go straight to the main process and its keychain.
 * Problems show once Add was pressed, then follow the typing.
 */
export function AccountForm({ onCancel }: { onCancel?: () => void }) {
  const create = useFerry((state) => state.createAccount);
  const [provider, setProvider] = useState<ProviderId>('echo3d');
  const [draft, setDraft] = useState<AccountDraft>(emptyDraft);
  const [tried, setTried] = useState(false);
  const id = useId();
  const problems = tried ? draftProblems(provider, draft) : {};
  const platformRef = useRef<HTMLSelectElement>(null);

  // Opened by New account: start on its first control, for the keyboard.
  const opened = onCancel !== undefined;
  useEffect(() => {
    if (opened) platformRef.current?.focus();
  }, [opened]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    const first = Object.keys(draftProblems(provider, draft))[0];
    if (first) {
      document.getElementById(`${id}-${first === 'signIn' ? firstField(provider) : first}`)?.focus();
      return;
    }
    const fields = Object.fromEntries(Object.entries(draft.fields).filter(([, value]) => value.trim() !== ''));
    const baseUrl = draft.baseUrl.trim();
    if (await create({ provider, label: draft.label.trim(), fields, ...(baseUrl ? { baseUrl } : {}) })) {
      setDraft(emptyDraft);
      setTried(false);
      onCancel?.();
    }
  }

  return (
    <form className="settings account-form" onSubmit={submit} noValidate>
      <fieldset>
        <legend>Add an account</legend>
        <div className="field">
          <label htmlFor={`${id}-provider`}>Platform</label>
          <select
            id={`${id}-provider`}
            ref={platformRef}
            value={provider}
            onChange={(event) => {
              setProvider(event.target.value as ProviderId);
              setDraft({ ...draft, fields: {} });
            }}
          >
            {providerIds.map((candidate) => (
              <option key={candidate} value={candidate}>
                {platforms[candidate].displayName}
              </option>
            ))}
          </select>
        </div>
        <DraftInput
          id={`${id}-label`}
          label="Label"
          hint="A name of your choosing, such as Studio; downloads and ferry --account use it."
          problem={problems.label}
          value={draft.label}
          onChange={(label) => setDraft({ ...draft, label })}
        />
        <SignInNote provider={provider} problem={problems.signIn} />
        {platforms[provider].accountFields.map((field) => (
          <DraftInput
            key={field.name}
            id={`${id}-${field.name}`}
            label={`${field.label}${isOptional(provider, field.name) ? ' (optional)' : ''}`}
            hint={capitalised(field.hint) + (field.secret ? '. Kept in your system keychain.' : '.')}
            problem={problems[field.name]}
            secret={field.secret}
            value={draft.fields[field.name] ?? ''}
            onChange={(value) => setDraft({ ...draft, fields: { ...draft.fields, [field.name]: value } })}
          />
        ))}
        <DraftInput
          id={`${id}-baseUrl`}
          label={baseUrlProblem(provider, null) ? 'Base URL' : 'Base URL (optional)'}
          hint={baseUrlHint(provider)}
          problem={problems.baseUrl}
          value={draft.baseUrl}
          onChange={(baseUrl) => setDraft({ ...draft, baseUrl })}
        />
        <div className="form-buttons">
          <button type="submit">Add account</button>
          {onCancel ? (
            <button type="button" onClick={onCancel}>
              Cancel
            </button>
          ) : null}
        </div>
      </fieldset>
    </form>
  );
}

/** A field that belongs to one of several ways to sign in is not optional: the note says which are needed. */
function isOptional(provider: ProviderId, name: string): boolean {
  const { accountFields, signIns } = platforms[provider];
  const field = accountFields.find((candidate) => candidate.name === name);
  return Boolean(field?.optional) && !signIns?.some((signIn) => signIn.fields.includes(name));
}

function firstField(provider: ProviderId): string {
  return platforms[provider].accountFields[0]?.name ?? 'label';
}

function baseUrlHint(provider: ProviderId): string {
  const { defaultBaseUrl, displayName } = platforms[provider];
  if (defaultBaseUrl) return `Leave empty to use ${defaultBaseUrl}.`;
  return baseUrlProblem(provider, null)
    ? `The address of your ${displayName} API, such as https://files.example.com.`
    : 'Leave empty: the fields above say where to connect.';
}

function SignInNote({ provider, problem }: { provider: ProviderId; problem?: string }) {
  const ways = signInWords(provider);
  if (!ways) return null;
  return (
    <p className={problem ? 'field-problem' : 'field-hint'} role={problem ? 'alert' : undefined}>
      {problem ?? `Sign in with ${ways}.`}
    </p>
  );
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
