import type { Download } from '../../shared/downloads';
import { formatBytes } from '../../shared/format';
import { redactUrl } from '../../shared/redact';
import type { SchedulerEvent } from '../downloads/scheduler-events';

/** How the CLI tells what happens: JSON lines for scripts, a live line on a terminal, plain lines otherwise. */
export interface Reporter {
  added(download: Download): void;
  /** `download` reads the row, for the few events that need more than they carry: most never ask. */
  event(event: SchedulerEvent, download: () => Download | undefined): void;
  finish(): void;
}

export function createReporter(json: boolean, out: NodeJS.WriteStream = process.stdout): Reporter {
  if (json) return jsonReporter(out);
  return out.isTTY ? terminalReporter(out) : plainReporter(out);
}

function jsonReporter(out: NodeJS.WritableStream): Reporter {
  const line = (value: object) => out.write(`${JSON.stringify(value)}\n`);
  const lastProgress = new Map<number, number>();
  return {
    added: (download) => line({ event: 'added', id: download.id, ref: redactUrl(download.ref) }),
    event(event) {
      if (event.event === 'progress') {
        // One progress line a second per download is plenty for a script.
        const now = Date.now();
        if (now - (lastProgress.get(event.id) ?? 0) < 1000) return;
        lastProgress.set(event.id, now);
        line({
          event: 'progress',
          id: event.id,
          received: event.received,
          size: event.size,
          speed: Math.round(event.speed),
        });
      } else if (event.event === 'done' || event.event === 'failed') {
        line(event);
      }
    },
    finish: () => undefined,
  };
}

function plainReporter(out: NodeJS.WritableStream): Reporter {
  return {
    // DESIGN.md section 7: add prints the new ids, one a line, for scripts to capture.
    added: (download) => out.write(`${download.id}\n`),
    event(event, download) {
      if (event.event === 'waiting') out.write(`waiting ${event.id}: ${event.reason}\n`);
      if (event.event === 'unpacking') out.write(`unpacking ${event.id} ${download()?.path ?? ''}\n`);
      if (event.event === 'done') {
        const unpacked = event.unpackedTo ? `, unpacked to ${event.unpackedTo}` : '';
        out.write(`done ${event.id} ${event.path} (${formatBytes(event.size)})${unpacked}\n`);
      }
      if (event.event === 'failed') {
        out.write(`failed ${event.id} ${redactUrl(download()?.ref ?? '')}: ${event.error.message}\n`);
      }
    },
    finish: () => undefined,
  };
}

/** A status line redrawn in place, with finished files printed above it. */
function terminalReporter(out: NodeJS.WriteStream): Reporter {
  const progress = new Map<number, { received: number; size: number | null; speed: number }>();
  const plain = plainReporter(out);
  let drawnAt = 0;
  const draw = () => {
    let received = 0;
    let total = 0;
    let speed = 0;
    for (const value of progress.values()) {
      received += value.received;
      total += value.size ?? 0;
      speed += value.speed;
    }
    const percent = total > 0 ? ` ${((received / total) * 100).toFixed(0)}%` : '';
    out.write(`\r\x1b[K${progress.size} running${percent} ${formatBytes(received)} at ${formatBytes(speed)}/s`);
  };
  return {
    added: plain.added,
    event(event, download) {
      if (event.event === 'progress') {
        progress.set(event.id, event);
        if (Date.now() - drawnAt > 200) {
          drawnAt = Date.now();
          draw();
        }
        return;
      }
      if (event.event === 'started' || event.event === 'downloading') return;
      progress.delete(event.id);
      out.write('\r\x1b[K');
      plain.event(event, download);
    },
    finish: () => out.write('\r\x1b[K'),
  };
}
