import { useEffect, useMemo, useRef, useState } from 'react';
import { isBusy } from '../../../shared/download-status';
import { defaultView, visibleDownloadIds } from '../../store/download-filters';
import { downloadName } from '../../store/download-rows';
import { selectedIn } from '../../store/selection';
import { selectSortingProgress } from '../../store/selectors';
import { useFerry } from '../../store/store-context';
import { DetailsPanel } from '../details/DetailsPanel';
import { EmptyState } from '../EmptyState';
import { ErrorBanner } from '../ErrorBanner';
import { DownloadFilters } from './DownloadFilters';
import { DownloadGrid } from './DownloadGrid';
import { RemoveDialog } from './RemoveDialog';
import { SelectionToolbar } from './SelectionToolbar';
import { TotalsBar } from './TotalsBar';
import './downloads.css';

/** Everything below the links box: filters, the selection's toolbar, the list, one download's details, the totals and the remove dialog. */
export function DownloadsPanel() {
  const downloads = useFerry((state) => state.downloads);
  const view = useFerry((state) => state.view);
  const setView = useFerry((state) => state.setView);
  const progress = useFerry(selectSortingProgress);
  const selection = useFerry((state) => state.selection);
  const listError = useFerry((state) => state.listError);
  const dismissError = useFerry((state) => state.dismissListError);
  const remove = useFerry((state) => state.removeDownloads);
  const showError = useFerry((state) => state.showListError);
  const [removing, setRemoving] = useState<number[] | null>(null);
  const search = useRef<HTMLInputElement>(null);
  const all = useMemo(() => Object.values(downloads), [downloads]);
  const ids = useMemo(() => visibleDownloadIds(downloads, progress ?? {}, view), [downloads, progress, view]);
  const selected = useMemo(
    () => selectedIn(selection, ids).flatMap((id) => downloads[id] ?? []),
    [selection, ids, downloads],
  );
  useFindShortcut(search);

  function askRemove(candidates: number[]) {
    const removable = candidates.filter((id) => downloads[id] && !isBusy(downloads[id].status));
    if (removable.length > 0) setRemoving(removable);
    else showError('Running downloads cannot be removed. Pause or cancel them first, then remove them.');
  }

  if (all.length === 0) {
    return (
      <EmptyState title="No downloads yet">
        Press Add links, paste links with Ctrl+V, or drop them anywhere here. Ferry keeps going after a crash or a flaky
        network, and resumes where it stopped.
      </EmptyState>
    );
  }
  return (
    <div className="downloads-panel">
      <DownloadFilters all={all} searchRef={search} />
      <SelectionToolbar selected={selected} onRemove={askRemove} />
      {listError ? <ErrorBanner message={listError} onDismiss={dismissError} /> : null}
      {ids.length === 0 ? (
        <EmptyState title="Nothing matches">
          No download fits these filters.{' '}
          <button type="button" className="link-button" onClick={() => setView({ ...defaultView, sort: view.sort })}>
            Show all downloads
          </button>
        </EmptyState>
      ) : (
        <DownloadGrid ids={ids} onRemove={askRemove} />
      )}
      {selected.length === 1 && selected[0] ? <DetailsPanel download={selected[0]} /> : null}
      <TotalsBar />
      {removing ? (
        <RemoveDialog
          names={removing.flatMap((id) => (downloads[id] ? [downloadName(downloads[id])] : []))}
          onClose={() => setRemoving(null)}
          onConfirm={(deleteFiles) => {
            setRemoving(null);
            void remove(removing, deleteFiles);
          }}
        />
      ) : null}
    </div>
  );
}

/** Ctrl+F (Cmd+F) goes to the search box while the Downloads view is open. */
function useFindShortcut(search: React.RefObject<HTMLInputElement | null>) {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        search.current?.focus();
        search.current?.select();
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [search]);
}
