import { useId, useMemo, useState } from 'react';
import type { BrowseEntry } from '../../shared/accounts';
import { matchingEntries, selectBrowsedAccountLabel } from '../store/selectors';
import { useFerry } from '../store/store-context';

/** An account's library: find an entry, then download it in the form wanted. */
export function LibraryPicker() {
  const browsing = useFerry((state) => state.browsing);
  const label = useFerry(selectBrowsedAccountLabel);
  const close = useFerry((state) => state.closeBrowse);
  const [filter, setFilter] = useState('');
  const filterId = useId();
  const entries = useMemo(() => matchingEntries(browsing?.entries ?? [], filter), [browsing, filter]);
  if (!browsing) return null;
  return (
    <section className="library-picker" aria-label={`Library of ${label}`}>
      <div className="download-head">
        <h2>Library of {label}</h2>
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
      <div className="field">
        <label htmlFor={filterId}>Find by name, type or tag</label>
        <input id={filterId} type="text" value={filter} onChange={(event) => setFilter(event.target.value)} />
      </div>
      {browsing.error ? (
        <p className="field-problem" role="alert">
          {browsing.error}
        </p>
      ) : null}
      <p className="field-hint" role="status">
        {pickerStatus(browsing.status, browsing.entries.length, entries.length)}
      </p>
      <ul className="download-list" aria-label="Library entries">
        {entries.map((entry) => (
          <LibraryEntry key={entry.ref} entry={entry} added={browsing.added} adding={browsing.adding} />
        ))}
      </ul>
    </section>
  );
}

function LibraryEntry({ entry, added, adding }: { entry: BrowseEntry; added: string[]; adding: string[] }) {
  const add = useFerry((state) => state.addFromBrowse);
  return (
    <li className="download" aria-label={entry.name}>
      <div className="download-head">
        <span className="download-name">{entry.name}</span>
        <span className="download-status">{entry.formats.map((format) => format.toUpperCase()).join(' · ')}</span>
      </div>
      <div className="download-detail">
        {entry.detail}
        {entry.tags.length > 0 ? ` · ${entry.tags.join(', ')}` : ''}
      </div>
      <div className="download-actions">
        {entry.choices.map((choice) => (
          <button
            key={choice.ref}
            type="button"
            disabled={added.includes(choice.ref) || adding.includes(choice.ref)}
            onClick={() => void add(choice.ref)}
          >
            {added.includes(choice.ref) ? `${choice.label}: added` : choice.label}
          </button>
        ))}
      </div>
    </li>
  );
}

function pickerStatus(status: 'loading' | 'ready' | 'failed', total: number, shown: number): string {
  if (status === 'loading') return 'Loading the library…';
  if (status === 'failed') return '';
  if (total === 0) return 'This library is empty.';
  return shown === total ? `${total} entries` : `${shown} of ${total} entries`;
}
