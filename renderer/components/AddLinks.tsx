import { type FormEvent, useId, useState } from 'react';
import { useFerry } from '../store/store-context';

/** Where a person pastes links: one per line, or several on a line separated by spaces. */
export function AddLinks() {
  const addLinks = useFerry((state) => state.addLinks);
  const adding = useFerry((state) => state.adding);
  const error = useFerry((state) => state.addError);
  const [text, setText] = useState('');
  const id = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await addLinks(text)) setText('');
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
      {error ? (
        <p className="field-problem" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
