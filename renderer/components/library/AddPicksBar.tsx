import { useId, useMemo } from 'react';
import { addButtonText, addResultText, libraryPicks } from '../../store/library-view';
import { useFerry } from '../../store/store-context';

/** The queue the picks go to, the one button that queues them all, and what the last add did. */
export function AddPicksBar() {
  const browsing = useFerry((state) => state.browsing);
  const queues = useFerry((state) => state.queues);
  const chooseQueue = useFerry((state) => state.chooseLibraryQueue);
  const add = useFerry((state) => state.addPickedEntries);
  const queueId = useId();
  const count = useMemo(() => (browsing ? libraryPicks(browsing).length : 0), [browsing]);
  if (!browsing) return null;
  const queue = queues.find((candidate) => candidate.id === browsing.queueId) ?? queues[0];
  const { result } = browsing;
  return (
    <div className="library-foot">
      <div role="status" className="library-result">
        {result ? (
          <p className={result.failed.length > 0 ? 'field-problem' : 'field-hint'}>{addResultText(result)}</p>
        ) : null}
        {result && result.failed.length > 0 ? (
          <ul className="library-failures" aria-label="Not added">
            {result.failed.map((failure) => (
              <li key={failure.name}>
                <strong>{failure.name}</strong>: {failure.reason}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="library-actions">
        <span className="library-count">{count > 0 ? `${count} selected` : ''}</span>
        <label htmlFor={queueId}>Queue</label>
        <select id={queueId} value={queue?.id ?? ''} onChange={(event) => chooseQueue(Number(event.target.value))}>
          {queues.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="library-add"
          // Not disabled: a disabled button drops the focus, and Add leaves none selected.
          aria-disabled={count === 0 || browsing.adding}
          onClick={() => void add()}
        >
          {browsing.adding ? 'Adding…' : addButtonText(count, queue?.name ?? 'Default')}
        </button>
      </div>
    </div>
  );
}
