import { type FormEvent, useId, useState } from 'react';
import { baseUrlProblem, type ProviderId, platforms, providerIds } from '../../shared/platforms';
import { useFerry } from '../store/store-context';
import { Field, noteId } from './Field';

/** Adds an account; secret fields are password inputs and go straight to the main process, which keeps them in the keychain. */
export function AccountForm() {
  const create = useFerry((state) => state.createAccount);
  const [provider, setProvider] = useState<ProviderId>('echo3d');
  const [label, setLabel] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const id = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const filled = Object.fromEntries(Object.entries(fields).filter(([, value]) => value.trim() !== ''));
    const saved = await create({
      provider,
      label,
      fields: filled,
      ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}),
    });
    if (saved) {
      setLabel('');
      setBaseUrl('');
      setFields({});
    }
  }

  return (
    <form className="settings account-form" onSubmit={submit}>
      <fieldset>
        <legend>Add an account</legend>
        <div className="field">
          <label htmlFor={`${id}-provider`}>Platform</label>
          <select
            id={`${id}-provider`}
            value={provider}
            onChange={(event) => {
              setProvider(event.target.value as ProviderId);
              setFields({});
            }}
          >
            {providerIds.map((candidate) => (
              <option key={candidate} value={candidate}>
                {platforms[candidate].displayName}
              </option>
            ))}
          </select>
        </div>
        <TextInput
          id={`${id}-label`}
          label="Label"
          hint="A name of your choosing; ferry --account and these lists use it"
          value={label}
          onChange={setLabel}
        />
        {signInNote(provider)}
        {platforms[provider].accountFields.map((field) => (
          <TextInput
            key={field.name}
            id={`${id}-${field.name}`}
            label={`${field.name}${isOptional(provider, field.name) ? ' (optional)' : ''}`}
            hint={field.hint}
            secret={field.secret}
            value={fields[field.name] ?? ''}
            onChange={(value) => setFields({ ...fields, [field.name]: value })}
          />
        ))}
        <TextInput
          id={`${id}-base`}
          label={baseUrlProblem(provider, null) ? 'Base URL' : 'Base URL (optional)'}
          hint={baseUrlHint(provider)}
          value={baseUrl}
          onChange={setBaseUrl}
        />
        <button type="submit">Add account</button>
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

function baseUrlHint(provider: ProviderId): string {
  const address = platforms[provider].defaultBaseUrl;
  return address ? `${address} unless you name another` : `the address of your ${platforms[provider].displayName} API`;
}

function signInNote(provider: ProviderId) {
  const { signIns } = platforms[provider];
  if (!signIns) return null;
  return <p className="field-hint">Sign in with {signIns.map((signIn) => signIn.name).join(', or ')}.</p>;
}

function TextInput(props: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  secret?: boolean;
  onChange(value: string): void;
}) {
  return (
    <Field id={props.id} label={props.label} hint={props.hint} problem={null}>
      <input
        id={props.id}
        type={props.secret ? 'password' : 'text'}
        autoComplete="off"
        aria-describedby={props.hint ? noteId(props.id) : undefined}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </Field>
  );
}
