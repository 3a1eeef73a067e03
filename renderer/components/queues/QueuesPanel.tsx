import { selectOpenQueue } from '../../store/selectors';
import { useFerry } from '../../store/store-context';
import { ErrorBanner } from '../ErrorBanner';
import { QueueItems } from './QueueItems';
import { QueueList } from './QueueList';
import { QueueSettings } from './QueueSettings';
import './queues.css';

/** The Queues view: the queues on the left; the open one's settings and its downloads, in start order, on the right. */
export function QueuesPanel() {
  const queue = useFerry(selectOpenQueue);
  const error = useFerry((state) => state.queuesError);
  const dismiss = useFerry((state) => state.dismissQueuesError);
  return (
    <div className="queues">
      {error && <ErrorBanner message={error} onDismiss={dismiss} />}
      <div className="queues-layout">
        <QueueList />
        {queue && (
          <section className="queue-detail" aria-labelledby="queue-detail-title" key={queue.id}>
            <h2 id="queue-detail-title">{queue.name}</h2>
            <QueueSettings queue={queue} />
            <QueueItems queue={queue} />
          </section>
        )}
      </div>
    </div>
  );
}
