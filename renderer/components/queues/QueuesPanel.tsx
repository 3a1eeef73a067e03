import { selectOpenQueue } from '../../store/selectors';
import { useFerry } from '../../store/store-context';
import { ErrorBanner } from '../ErrorBanner';
import { QueueActions } from './QueueActions';
import { QueueItems } from './QueueItems';
import { QueueList } from './QueueList';
import { QueueSettings } from './QueueSettings';
import './queues.css';

/** The Queues view: the queues on the left; the open one's downloads, in start order, then its settings on the right. */
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
            <QueueActions queue={queue} />
            {/* What waits comes before the settings: at 800×600 it would otherwise start below the fold. */}
            <QueueItems queue={queue} />
            <QueueSettings queue={queue} />
          </section>
        )}
      </div>
    </div>
  );
}
