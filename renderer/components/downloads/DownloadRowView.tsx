import { type MouseEvent, memo, useMemo } from 'react';
import { downloadRow } from '../../store/download-rows';
import { selectAccountLabel, selectLiveProgress } from '../../store/selectors';
import { useFerry } from '../../store/store-context';
import { FileTypeIcon } from './FileTypeIcon';

export function rowElementId(id: number): string {
  return `download-row-${id}`;
}

interface DownloadRowViewProps {
  id: number;
  index: number;
  start: number;
  focused: boolean;
  measure(element: Element | null): void;
  onPick(id: number, event: MouseEvent): void;
  onOpen(id: number): void;
  onRetry(id: number): void;
}

/**
 * One row of the list. It reads its own download, progress and selected flag
 * from the store, so a progress report for one download re-renders one row.
 */
export const DownloadRowView = memo(function DownloadRowView(props: DownloadRowViewProps) {
  const { id, index, start, focused, measure, onPick, onOpen, onRetry } = props;
  const download = useFerry((state) => state.downloads[id]);
  const live = useFerry((state) => selectLiveProgress(state, id));
  const selected = useFerry((state) => state.selection.selected[id] === true);
  const account = useFerry((state) => selectAccountLabel(state, download?.accountId));
  const dragDownload = useFerry((state) => state.dragDownload);
  const row = useMemo(() => (download ? downloadRow(download, live) : null), [download, live]);
  if (!row) return null;
  const source = account ? `${row.platform} · ${account}` : row.platform;
  const elementId = rowElementId(id);
  return (
    // biome-ignore lint/a11y/useSemanticElements: virtualized rows are positioned divs, see DownloadGrid.
    // biome-ignore lint/a11y/useFocusableInteractive: the grid keeps the focus and points at its rows with aria-activedescendant.
    // biome-ignore lint/a11y/useKeyWithClickEvents: the grid handles the keys for every row (arrows, space, enter).
    <div
      ref={measure}
      role="row"
      id={elementId}
      data-index={index}
      aria-rowindex={index + 1}
      aria-selected={selected}
      aria-label={row.name}
      aria-describedby={`${elementId}-status ${elementId}-detail`}
      className="download-row"
      data-status={row.status}
      data-focused={focused || undefined}
      style={{ transform: `translateY(${start}px)` }}
      onClick={(event) => onPick(id, event)}
      onDoubleClick={() => row.status === 'done' && onOpen(id)}
      draggable={row.status === 'done'}
      onDragStart={(event) => {
        // Only the main process can drag a real file out of the window: the page's own drag would carry nothing.
        event.preventDefault();
        void dragDownload(id);
      }}
    >
      {/* biome-ignore lint/a11y/useSemanticElements: see the row above. */}
      {/* biome-ignore lint/a11y/useFocusableInteractive: see the row above. */}
      <div role="gridcell" className="download-cell">
        <FileTypeIcon name={row.name} />
        <div className="download-main">
          <div className="download-head">
            <span className="download-name" title={row.name}>
              {row.name}
            </span>
            <span className="download-source" title={source}>
              {source}
            </span>
            <span
              className="download-status"
              id={`${elementId}-status`}
              title={row.error ? `${row.statusLabel}: ${row.error}` : row.statusLabel}
            >
              {row.statusLabel}
            </span>
          </div>
          <div className="download-foot">
            {row.error ? null : <progress aria-label={`Progress of ${row.name}`} value={row.fraction} max={1} />}
            <span className="download-detail" id={`${elementId}-detail`} title={row.error ?? undefined}>
              {row.error ?? row.detail}
            </span>
            {row.actions.includes('retry') && row.status === 'failed' ? (
              <button
                type="button"
                className="download-retry"
                tabIndex={-1}
                aria-keyshortcuts="R"
                title="Retry (R, or Enter on the row)"
                onClick={(event) => {
                  event.stopPropagation();
                  onRetry(id);
                }}
              >
                Retry
              </button>
            ) : null}
          </div>
        </div>
      </div>
    </div>
  );
});
