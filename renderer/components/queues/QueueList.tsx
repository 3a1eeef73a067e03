import { type FormEvent, useId, useState } from 'react';
import { queueNameProblem, queueStateLabel } from '../../store/queue-fields';
import { queueItemCounts } from '../../store/queue-order';
import { useFerry } from '../../store/store-context';

/** Every queue with how many downloads wait in it and whether it runs; a form to add one below. */
export function QueueList() {
  const queues = useFerry((state) => state.queues);
  const downloads = useFerry((state) => state.downloads);
  const openQueueId = useFerry((state) => state.openQueueId);
  const openQueue = useFerry((state) => state.openQueue);
  const counts = queueItemCounts(downloads);
  return (
    <nav className="queue-list" aria-label="Queues">
      <ul>
        {queues.map((queue) => {
          const count = counts.get(queue.id) ?? 0;
          return (
            <li key={queue.id}>
              <button
                type="button"
                className="queue-entry"
                aria-current={queue.id === openQueueId ? 'true' : undefined}
                onClick={() => openQueue(queue.id)}
              >
                <span className="queue-entry-name">{queue.name}</span>
                <span className="queue-entry-meta">
                  {count === 1 ? '1 download' : `${count} downloads`} · {queueStateLabel(queue)}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      <NewQueueForm />
    </nav>
  );
}

function NewQueueForm() {
  const id = useId();
  const queues = useFerry((state) => state.queues);
  const createQueue = useFerry((state) => state.createQueue);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const issue = queueNameProblem(
      name,
      queues.map((queue) => queue.name),
    );
    setProblem(issue);
    if (!issue && (await createQueue(name))) setName('');
  }

  return (
    <form className="new-queue" onSubmit={submit}>
      <label htmlFor={id}>New queue</label>
      <div className="new-queue-row">
        <input
          id={id}
          type="text"
          value={name}
          placeholder="Name"
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${id}-note`}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit">Create</button>
      </div>
      <p id={`${id}-note`} className="field-problem">
        {problem}
      </p>
    </form>
  );
}
