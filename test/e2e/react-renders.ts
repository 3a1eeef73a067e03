import type { Page } from '@playwright/test';

/**
 * Counts how often React renders each row of the Downloads grid, by its
 * name, through the hook React calls for its developer tools on every commit
 * (the production build calls it too): no test code in the product.
 */
export async function countRowRenders(page: Page): Promise<{
  reset(): Promise<void>;
  counts(): Promise<Record<string, number>>;
}> {
  await page.addInitScript(() => {
    interface Fiber {
      child: Fiber | null;
      sibling: Fiber | null;
      return: Fiber | null;
      flags: number;
      stateNode: unknown;
    }
    // React marks a component that ran its function in this render with this flag (PerformedWork).
    const PERFORMED_WORK = 1;
    const lastSeen = new Map<string, Fiber>();
    const renders: Record<string, number> = {};
    const visit = (fiber: Fiber | null) => {
      for (let node = fiber; node; node = node.sibling) {
        const element = node.stateNode;
        if (element instanceof HTMLElement && element.getAttribute('role') === 'row' && node.return) {
          const name = element.getAttribute('aria-label') ?? '?';
          const component = node.return;
          // A fiber React did not visit stays the same object, flags and all; a visited one is a fresh copy.
          if (lastSeen.get(name) !== component && (component.flags & PERFORMED_WORK) !== 0) {
            renders[name] = (renders[name] ?? 0) + 1;
          }
          lastSeen.set(name, component);
        }
        visit(node.child);
      }
    };
    Object.defineProperty(window, '__REACT_DEVTOOLS_GLOBAL_HOOK__', {
      value: {
        supportsFiber: true,
        renderers: new Map(),
        inject: () => 1,
        checkDCE: () => undefined,
        onCommitFiberRoot: (_id: number, root: { current: Fiber }) => visit(root.current),
        onCommitFiberUnmount: () => undefined,
        onPostCommitFiberRoot: () => undefined,
      },
    });
    Object.defineProperty(window, '__rowRenders', { value: renders });
  });
  await page.reload();
  const renders = () =>
    page.evaluate(() => (window as unknown as { __rowRenders: Record<string, number> }).__rowRenders);
  return {
    reset: () =>
      page.evaluate(() => {
        const counts = (window as unknown as { __rowRenders: Record<string, number> }).__rowRenders;
        for (const name of Object.keys(counts)) delete counts[name];
      }),
    counts: renders,
  };
}
