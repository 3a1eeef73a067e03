import { type MouseEvent, useEffect, useRef } from 'react';
import { selectChosenRef } from '../../store/selectors';
import { useFerry } from '../../store/store-context';
import { FileTypeIcon } from '../downloads/FileTypeIcon';

export function entryCheckboxId(index: number): string {
  return `library-entry-${index}`;
}

interface LibraryEntryRowProps {
  index: number;
  selected: boolean;
  focused: boolean;
  /** The one row Tab stops on. */
  tabbable: boolean;
  onPick(index: number, event: MouseEvent): void;
  onToggle(index: number): void;
}

/** One entry: its checkbox, kind, name, tags, and the format it will be queued in. */
export function LibraryEntryRow({ index, selected, focused, tabbable, onPick, onToggle }: LibraryEntryRowProps) {
  const entry = useFerry((state) => state.browsing?.entries[index]);
  const ref = useFerry((state) => selectChosenRef(state, index));
  const added = useFerry((state) => state.browsing?.added[index] === true);
  const chooseFormat = useFerry((state) => state.chooseEntryFormat);
  const checkbox = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // Follow the arrow keys: only while the focus is in the list already, never stealing it from the search box.
    if (focused && document.activeElement?.closest('.library-list')) checkbox.current?.focus();
  }, [focused]);
  if (!entry) return null;
  const id = entryCheckboxId(index);
  const detail = [entry.detail, entry.tags.join(', ')].filter(Boolean).join(' · ');
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the checkbox inside is the keyboard's way to select the row.
    <li
      className="library-entry"
      data-selected={selected || undefined}
      onClick={(event) => {
        onPick(index, event);
        // So the arrow keys carry on from the row just clicked.
        checkbox.current?.focus();
      }}
    >
      <input
        ref={checkbox}
        id={id}
        type="checkbox"
        checked={selected}
        tabIndex={tabbable ? 0 : -1}
        aria-label={entry.name}
        aria-describedby={`${id}-detail`}
        onClick={(event) => event.stopPropagation()}
        onChange={() => onToggle(index)}
      />
      <FileTypeIcon name={entry.name} />
      <div className="library-entry-text">
        <span className="library-entry-name" title={entry.name}>
          {entry.name}
        </span>
        <span id={`${id}-detail`} className="library-entry-detail" title={detail}>
          {detail || entry.type}
        </span>
      </div>
      {added ? <span className="library-entry-added">Queued</span> : null}
      {entry.choices.length > 1 ? (
        <select
          className="library-entry-format"
          aria-label={`Format of ${entry.name}`}
          tabIndex={tabbable ? 0 : -1}
          value={ref}
          onClick={(event) => event.stopPropagation()}
          onChange={(event) => chooseFormat(index, event.target.value)}
        >
          {entry.choices.map((choice) => (
            <option key={choice.ref} value={choice.ref}>
              {choice.label}
            </option>
          ))}
        </select>
      ) : (
        <span className="library-entry-formats">{entry.formats.map((format) => format.toUpperCase()).join(' · ')}</span>
      )}
    </li>
  );
}
