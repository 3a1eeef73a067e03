/**
 * Injected into the bench's page before anything else runs: times the list
 * from the moment `downloads:list` answers to the frame that paints its first
 * rows, and counts frames on demand. Read from the bench as `window.ferryBench`.
 */

type Invoke = (channel: string, payload: unknown) => Promise<unknown>;

interface Probe {
  /** From the list's answer reaching the page to the frame with its rows painted; null until then. */
  firstRenderMs: number | null;
  startFrames(): void;
  /** Frames painted in each whole second since `startFrames`. */
  stopFrames(): number[];
}

/** The page's window with the router binding the bench exposes and the probe this script adds. */
const page = window as unknown as { __ferryInvoke?: Invoke; ferryBench: Probe };

const probe: Probe = { firstRenderMs: null, startFrames, stopFrames };
page.ferryBench = probe;
let listArrivedAt: number | null = null;
let frames: number[] = [];
let counting = false;

// The preload looks the binding up on every call, so wrapping it here sees the answer as the page does.
const invoke = page.__ferryInvoke;
if (!invoke) throw new Error('The bench probe must be injected after the router binding.');
page.__ferryInvoke = async (channel, payload) => {
  const answer = await invoke(channel, payload);
  // Playwright hands the answer over inside a long task of its own (parsing megabytes of protocol message) that
  // goes on after this resumes; Electron's IPC delivers a reply as a task of its own. Start the page's work in a
  // new task too, so the render time is the window's and not the harness's.
  await new Promise((resolve) => setTimeout(resolve, 0));
  if (channel === 'downloads:list' && listArrivedAt === null) {
    listArrivedAt = performance.now();
    watchForRows();
  }
  return answer;
};

function watchForRows(): void {
  const observer = new MutationObserver(() => {
    if (!document.querySelector('[role="row"]')) return;
    observer.disconnect();
    // The rows are in the DOM; the frame after the next animation frame callback is the one that paints them.
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        probe.firstRenderMs = performance.now() - (listArrivedAt ?? 0);
      };
      channel.port2.postMessage(null);
    });
  });
  observer.observe(document, { childList: true, subtree: true });
}

function startFrames(): void {
  frames = [];
  counting = true;
  const tick = (time: number) => {
    frames.push(time);
    if (counting) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

function stopFrames(): number[] {
  counting = false;
  const first = frames[0] ?? 0;
  const perSecond: number[] = [];
  for (const time of frames) {
    const second = Math.floor((time - first) / 1000);
    perSecond[second] = (perSecond[second] ?? 0) + 1;
  }
  // The last second is cut short by the stop.
  return perSecond.slice(0, -1).map((count) => count ?? 0);
}
