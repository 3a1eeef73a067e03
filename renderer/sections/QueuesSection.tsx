import { EmptyState } from '../components/EmptyState';

export function QueuesSection() {
  return (
    <EmptyState title="Only the default queue">
      Queues group downloads with their own folder, concurrency and speed limit. Creating queues arrives with the queue
      library.
    </EmptyState>
  );
}
