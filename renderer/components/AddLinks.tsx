import { type FormEvent, useId, useState } from 'react';
import { useFerry } from '../store/store-context';
import { CheckboxField } from './CheckboxField';

/** Where a person pastes links: one per line, or several on a line separated by spaces. */
export function AddLinks() {
  const addLinks = useFerry((state) => state.addLinks);
  const adding = useFerry((state) => state.adding);
  const error = useFerry((state) => state.addError);
  const unpackByDefault = useFerry((state) => state.settings?.unpackArchives ?? false);
  const [text, setText] = useState('');
  // Null until the person ticks or clears the box: until then the settings decide.
  const [unpackChoice, setUnpackChoice] = useState<boolean | null>(null);
  const unpack = unpackChoice ?? unpackByDefault;
  const id = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    // Untouched, the box leaves it to Ferry: the settings, or the platform (Scenario batches always unpack).
    if (await addLinks(text, unpackChoice === null ? {} : { unpack: unpackChoice })) setText('');
  }

  return (
    <form className="add-links" onSubmit={submit}>
      <label htmlFor={id}>Links to download</label>
      <textarea
        id={id}
        rows={2}
        placeholder="https://…, ipfs://…, echo3d:…, scenario:…, delos:… (one per line)"
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <button type="submit" disabled={adding}>
        {adding ? 'Adding…' : 'Add'}
      </button>
      <CheckboxField
        className="add-links-option"
        label="Unpack ZIP and TAR archives when they finish"
        checked={unpack}
        onChange={setUnpackChoice}
      />
      {error ? (
        <p className="field-problem" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
