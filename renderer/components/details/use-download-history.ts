import { useEffect, useState } from 'react';
import type { DownloadEvent } from '../../../shared/download-history';
import type { DownloadStatus } from '../../../shared/download-status';
import { useFerry } from '../../store/store-context';

export type DownloadHistoryState =
  | { state: 'loading' }
  | { state: 'ready'; events: DownloadEvent[] }
  | { state: 'failed'; message: string };

/**
 * The selected download's timeline, read again whenever its status changes:
 * that is when a start, a failure or the finish has been written. What a
 * read still on its way says about a download no longer shown is dropped.
 */
export function useDownloadHistory(id: number, status: DownloadStatus): DownloadHistoryState {
  const loadHistory = useFerry((state) => state.loadHistory);
  const [history, setHistory] = useState<DownloadHistoryState>({ state: 'loading' });
  // biome-ignore lint/correctness/useExhaustiveDependencies: a change of status is when the stored timeline has grown
  useEffect(() => {
    let current = true;
    void loadHistory(id).then((answer) => {
      if (!current) return;
      setHistory('error' in answer ? { state: 'failed', message: answer.error } : { state: 'ready', ...answer });
    });
    return () => {
      current = false;
    };
  }, [id, status, loadHistory]);
  return history;
}
