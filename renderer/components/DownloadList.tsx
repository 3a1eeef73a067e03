import { useMemo } from 'react';
import type { DownloadAction } from '../../shared/download-status';
import { type DownloadRow, downloadRows } from '../store/download-rows';
import { useFerry } from '../store/store-context';

const actionLabels: Record<DownloadAction, string> = {
  pause: 'Pause',
  resume: 'Resume',
  cancel: 'Cancel',
  retry: 'Retry',
};

export function DownloadList() {
  const downloads = useFerry((state) => state.downloads);
  const progress = useFerry((state) => state.progress);
  const rows = useMemo(() => downloadRows(downloads, progress), [downloads, progress]);
  if (rows.length === 0) return null;
  return (
    <ul className="download-list" aria-label="Downloads">
      {rows.map((row) => (
        <DownloadItem key={row.id} row={row} />
      ))}
    </ul>
  );
}

function DownloadItem({ row }: { row: DownloadRow }) {
  const control = useFerry((state) => state.controlDownloads);
  return (
    <li className="download" data-status={row.status} aria-label={row.name}>
      <div className="download-head">
        <span className="download-name">{row.name}</span>
        <span className="download-status">{row.statusLabel}</span>
      </div>
      <progress
        aria-label={`Progress of ${row.name}`}
        value={row.status === 'done' ? 1 : row.received}
        max={row.status === 'done' ? 1 : (row.size ?? undefined)}
      />
      <div className="download-foot">
        <span className="download-detail">{row.error ?? row.detail}</span>
        <span className="download-actions">
          {row.actions.map((action) => (
            <button key={action} type="button" onClick={() => void control(action, [row.id])}>
              {actionLabels[action]}
            </button>
          ))}
        </span>
      </div>
    </li>
  );
}
