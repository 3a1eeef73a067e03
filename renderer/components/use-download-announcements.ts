import { useEffect, useRef, useState } from 'react';
import type { Download } from '../../shared/downloads';
import { announcement, settledDownloads } from '../store/announcements';
import { useFerry } from '../store/store-context';

/** Downloads that settle within this long of the first are announced together, as a count. */
const BURST_MS = 1000;

/** The latest announcement, with a number that changes even when the words repeat. */
export interface Announcement {
  text: string;
  serial: number;
}

/** Follows the store's downloads and yields what to announce as they finish or fail. */
export function useDownloadAnnouncements(): Announcement {
  const downloads = useFerry((state) => state.downloads);
  const previous = useRef(downloads);
  const pending = useRef<Download[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [latest, setLatest] = useState<Announcement>({ text: '', serial: 0 });

  useEffect(() => {
    const settled = settledDownloads(previous.current, downloads);
    previous.current = downloads;
    if (settled.length === 0) return;
    pending.current.push(...settled);
    timer.current ??= setTimeout(() => {
      const text = announcement(pending.current);
      pending.current = [];
      timer.current = null;
      setLatest((before) => ({ text, serial: before.serial + 1 }));
    }, BURST_MS);
  }, [downloads]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  return latest;
}
