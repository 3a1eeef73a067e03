import { type FormEvent, useId, useState } from 'react';
import { useFerry } from '../store/store-context';

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
  const unpackId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await addLinks(text, { unpack })) setText('');
  }

  return (
    <form className="add-links" onSubmit={submit}>
      <label htmlFor={id}>Links to download</label>
      <textarea
        id={id}
        rows={2}
        placeholder="https://… (one link per line)"
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <button type="submit" disabled={adding}>
        {adding ? 'Adding…' : 'Add'}
      </button>
      <div className="field-inline add-links-option">
        <input
          id={unpackId}
          type="checkbox"
          checked={unpack}
          onChange={(event) => setUnpackChoice(event.target.checked)}
        />
        <label htmlFor={unpackId}>Unpack ZIP and TAR archives when they finish</label>
      </div>
      {error ? (
        <p className="field-problem" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
