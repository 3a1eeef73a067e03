import { QueuesPanel } from '../components/queues/QueuesPanel';

export function QueuesSection() {
  return <QueuesPanel />;
}
