import type { DownloadStatus } from '../../../shared/download-status';
import { timelineLines } from './timeline-lines';
import { useDownloadHistory } from './use-download-history';
import './timeline.css';

/** What happened to one download, oldest first: its starts, each retry and why, pauses, and how it ended. */
export function DownloadTimeline({ id, status }: { id: number; status: DownloadStatus }) {
  const history = useDownloadHistory(id, status);
  if (history.state === 'loading') return <p className="timeline-note">Reading its history…</p>;
  if (history.state === 'failed') return <p className="timeline-note">{history.message}</p>;
  return (
    <ol className="details-timeline">
      {timelineLines(history.events).map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a line holds no state, and events have no id of their own
        <li key={index} data-tone={line.tone ?? undefined}>
          <time dateTime={line.iso} title={new Date(line.iso).toLocaleString()}>
            {line.when}
          </time>
          <span>{line.text}</span>
        </li>
      ))}
    </ol>
  );
}
