import { FaultServer } from '../support/fault-server';
import type { LaunchedFerry } from './ferry-launcher';
import { expect, test } from './fixtures';
import { seriousViolations, shootBothThemes } from './look';
import { AddDialogPage } from './pages/add-dialog-page';
import { QueuesPage } from './pages/queues-page';

let server: FaultServer;
test.beforeEach(async () => {
  server = await FaultServer.start();
});
test.afterEach(async () => {
  await server.close();
});

/** A paused queue called Renders holding a.bin to d.bin, which never start, with the view open on it. */
async function pausedQueueOfFour(app: LaunchedFerry): Promise<{ queues: QueuesPage; queueId: number }> {
  const queue = app.services.library.createQueue({ name: 'Renders', concurrency: 0 });
  app.services.library.updateQueue(queue.id, { paused: true });
  const refs = ['a', 'b', 'c', 'd'].map((name) => server.url(`/${name}.bin`));
  await app.services.downloads.add({ refs, queueId: queue.id });
  const queues = new QueuesPage(app.page);
  await queues.open();
  await queues.queue('Renders').click();
  await expect(queues.items).toHaveCount(4);
  return { queues, queueId: queue.id };
}

function libraryOrder(app: LaunchedFerry, queueId: number): string[] {
  return app.services.downloads
    .list()
    .filter((download) => download.queueId === queueId)
    .sort((a, b) => b.priority - a.priority || a.id - b.id)
    .map((download) => download.ref.split('/').pop() ?? '');
}

test('creates a queue, renames it and sets its folder, limits and daily window, with clear refusals', async ({
  ferry,
}) => {
  const app = await ferry.launch();
  const queues = new QueuesPage(app.page);
  await queues.open();
  await expect(queues.queue('Default')).toContainText('0 downloads · Runs any time');

  await queues.create.click();
  await expect(queues.newQueueProblem).toHaveText('Give the queue a name.');
  await queues.createQueue('default');
  await expect(queues.newQueueProblem).toHaveText('There is already a queue called "default". Pick another name.');
  await queues.createQueue('Night');
  await expect(queues.queue('Night')).toHaveAttribute('aria-current', 'true');
  await expect(queues.detail.getByRole('heading', { level: 2 })).toHaveText('Night');

  await queues.name.fill('Night renders');
  await queues.name.press('Enter');
  await expect(queues.queue('Night renders')).toBeVisible();

  await expect(queues.folder).toHaveText('The download folder from Settings');
  ferry.desktop.nextFolder = '/srv/renders';
  await queues.chooseFolder.click();
  await expect(queues.folder).toHaveText('/srv/renders');

  await queues.concurrency.fill('');
  await expect(queues.problems()).toHaveText(['Enter a number from 0 to 16.']);
  await queues.concurrency.fill('40');
  await expect(queues.problems()).toHaveText(['Enter a whole number from 0 (no limit of its own) to 16.']);
  await queues.concurrency.fill('3');
  await queues.speedLimit.fill('512');
  await expect(queues.problems()).toHaveCount(0);

  await queues.windowOn.check();
  await expect(queues.queue('Night renders')).toContainText('Runs 22:00–06:00');
  await queues.windowStart.fill('06:00');
  await expect(queues.problems()).toHaveText([
    'Start and stop are the same time, so the window would be empty. Pick two different times.',
  ]);
  await queues.windowStart.fill('23:30');
  await expect(queues.queue('Night renders')).toContainText('Runs 23:30–06:00');

  const saved = app.services.downloads.queues().find((queue) => queue.name === 'Night renders');
  expect(saved).toMatchObject({
    directory: '/srv/renders',
    concurrency: 3,
    speedLimit: 512 * 1024,
    schedule: { start: '23:30', stop: '06:00' },
  });
  await queues.windowOn.uncheck();
  await expect(queues.queue('Night renders')).toContainText('Runs any time');
  expect(app.pageErrors).toEqual([]);
});

test('a paused queue starts nothing, and its downloads start once it is resumed', async ({ ferry }) => {
  server.route('/model.glb', { body: Buffer.alloc(20_000, 1) });
  const app = await ferry.launch();
  const queues = new QueuesPage(app.page);
  await queues.open();
  await queues.button('Pause queue').click();
  await expect(queues.queue('Default')).toContainText('Paused');
  await app.services.downloads.add({ refs: [server.url('/model.glb')] });
  await expect(queues.item('model.glb')).toContainText('Queued');
  // The scheduler looks again every second: two passes, and still nothing started.
  await app.page.waitForTimeout(2500);
  expect(app.services.downloads.list().map((download) => download.status)).toEqual(['queued']);
  expect(server.requests).toHaveLength(0);

  await queues.button('Resume queue').click();
  await expect(queues.queue('Default')).toContainText('Runs any time');
  await expect.poll(() => app.services.downloads.list()[0]?.status, { timeout: 10_000 }).toBe('done');
  await expect(queues.items).toHaveCount(0);
  expect(app.pageErrors).toEqual([]);
});

test('deletes a queue after asking, and its downloads go back to Default', async ({ ferry }) => {
  const app = await ferry.launch();
  const { queues, queueId } = await pausedQueueOfFour(app);
  await expect(queues.queue('Renders')).toContainText('4 downloads · Paused');

  await queues.button('Delete queue…').click();
  await expect(queues.deleteDialog.getByRole('heading')).toHaveText('Delete the queue "Renders"?');
  await expect(queues.deleteDialog).toContainText('Its 4 waiting downloads move to "Default".');
  await queues.deleteDialog.getByRole('button', { name: 'Keep' }).click();
  await expect(queues.deleteDialog).toHaveCount(0);
  await expect(queues.queue('Renders')).toBeVisible();

  await queues.button('Delete queue…').click();
  await queues.deleteDialog.getByRole('button', { name: 'Delete queue' }).click();
  await expect(queues.queue('Renders')).toHaveCount(0);
  await expect(queues.queue('Default')).toHaveAttribute('aria-current', 'true');
  expect(app.services.downloads.queues().map((queue) => queue.id)).not.toContain(queueId);
  expect(app.services.downloads.list().map((download) => download.queueId)).toEqual([1, 1, 1, 1]);
  await expect(queues.button('Delete queue…')).toHaveCount(0);
  expect(app.pageErrors).toEqual([]);
});

test('reorders by keyboard and by drag, and the order holds after a reload', async ({ ferry }) => {
  const app = await ferry.launch();
  const { queues, queueId } = await pausedQueueOfFour(app);
  expect(await queues.itemNames()).toEqual(['a.bin', 'b.bin', 'c.bin', 'd.bin']);

  await queues.item('c.bin').getByRole('checkbox').focus();
  await app.page.keyboard.press('Alt+ArrowUp');
  await app.page.keyboard.press('Alt+ArrowUp');
  await expect.poll(() => queues.itemNames()).toEqual(['c.bin', 'a.bin', 'b.bin', 'd.bin']);
  await expect(queues.item('c.bin').getByRole('checkbox')).toBeFocused();
  await queues.item('a.bin').getByRole('button', { name: 'Move a.bin down' }).click();
  await expect.poll(() => queues.itemNames()).toEqual(['c.bin', 'b.bin', 'a.bin', 'd.bin']);
  await expect(queues.item('a.bin').getByRole('button', { name: 'Move a.bin down' })).toBeFocused();

  await queues.item('d.bin').dragTo(queues.item('c.bin'));
  await expect.poll(() => queues.itemNames()).toEqual(['d.bin', 'c.bin', 'b.bin', 'a.bin']);
  await expect.poll(() => libraryOrder(app, queueId)).toEqual(['d.bin', 'c.bin', 'b.bin', 'a.bin']);

  await app.page.reload();
  await queues.open();
  await queues.queue('Renders').click();
  expect(await queues.itemNames()).toEqual(['d.bin', 'c.bin', 'b.bin', 'a.bin']);
  expect(app.pageErrors).toEqual([]);
});

test('moves the ticked downloads to another queue', async ({ ferry }) => {
  const app = await ferry.launch();
  const { queues, queueId } = await pausedQueueOfFour(app);
  await expect(queues.button('Move ticked')).toBeDisabled();
  await queues.item('b.bin').getByRole('checkbox').check();
  await queues.item('d.bin').getByRole('checkbox').check();
  await expect(queues.moveTarget).toHaveValue('1');
  await queues.button('Move 2').click();
  await expect.poll(() => queues.itemNames()).toEqual(['a.bin', 'c.bin']);
  await expect(queues.queue('Default')).toContainText('2 downloads');
  expect(libraryOrder(app, 1)).toEqual(['b.bin', 'd.bin']);
  expect(libraryOrder(app, queueId)).toEqual(['a.bin', 'c.bin']);
  expect(app.pageErrors).toEqual([]);
});

test('walks the view with the keyboard alone: create, open, delete dialog, tick, reorder and move', async ({
  ferry,
}) => {
  const app = await ferry.launch();
  const { queues } = await pausedQueueOfFour(app);
  const { keyboard } = app.page;
  const tab = async (times: number, key = 'Tab') => {
    for (let step = 0; step < times; step += 1) await keyboard.press(key);
  };

  // From the sidebar: Accounts, Settings, then the queues Default and Renders.
  await queues.frame.navButton('Queues').focus();
  await tab(5);
  await expect(queues.newName).toBeFocused();
  await keyboard.type('Later');
  await keyboard.press('Enter');
  await expect(queues.queue('Later')).toHaveAttribute('aria-current', 'true');
  await tab(2, 'Shift+Tab');
  await expect(queues.queue('Renders')).toBeFocused();
  await keyboard.press('Enter');
  await expect(queues.detail.getByRole('heading', { level: 2 })).toHaveText('Renders');

  await tab(4);
  await expect(queues.button('Resume queue')).toBeFocused();
  await tab(1);
  await keyboard.press('Enter');
  await expect(queues.deleteDialog.getByRole('button', { name: 'Delete queue' })).toBeFocused();
  await keyboard.press('Escape');
  await expect(queues.deleteDialog).toHaveCount(0);
  await expect(queues.button('Delete queue…')).toBeFocused();

  // What waits comes right after the queue's buttons, before its settings.
  await tab(1);
  await expect(queues.moveTarget).toBeFocused();
  await tab(4);
  await expect(queues.item('b.bin').getByRole('checkbox')).toBeFocused();
  await keyboard.press(' ');
  await keyboard.press('Alt+ArrowDown');
  await expect.poll(() => queues.itemNames()).toEqual(['a.bin', 'c.bin', 'b.bin', 'd.bin']);
  await expect(queues.item('b.bin').getByRole('checkbox')).toBeFocused();
  await tab(7, 'Shift+Tab');
  await expect(queues.button('Move 1')).toBeFocused();
  await keyboard.press('Enter');
  await expect.poll(() => queues.itemNames()).toEqual(['a.bin', 'c.bin', 'd.bin']);
  await expect(queues.queue('Default')).toContainText('1 download ·');
  expect(app.pageErrors).toEqual([]);
});

test('the daily window takes 24-hour times, typed or stepped with the arrow keys', async ({ ferry }) => {
  const app = await ferry.launch();
  const { queues, queueId } = await pausedQueueOfFour(app);
  const savedWindow = () => app.services.downloads.queues().find((queue) => queue.id === queueId)?.schedule;
  await queues.windowOn.check();
  await expect(queues.windowStart).toHaveValue('22:00');
  await expect(queues.windowStart).toHaveAttribute('placeholder', 'HH:MM');

  await queues.windowStart.focus();
  await app.page.keyboard.press('ArrowUp');
  await expect(queues.windowStart).toHaveValue('22:15');
  await app.page.keyboard.press('Shift+ArrowUp');
  await app.page.keyboard.press('Shift+ArrowUp');
  await expect(queues.windowStart).toHaveValue('00:15');
  await expect.poll(savedWindow).toEqual({ start: '00:15', stop: '06:00' });
  await expect(queues.windowStart).toBeFocused();

  await queues.windowStop.fill('7:30 PM');
  await expect(queues.problems()).toHaveText(['Enter a stop time on the 24-hour clock, HH:MM, such as 06:00.']);
  await queues.windowStop.fill('19:30');
  await expect(queues.problems()).toHaveCount(0);
  await expect.poll(savedWindow).toEqual({ start: '00:15', stop: '19:30' });
  expect(app.pageErrors).toEqual([]);
});

test('has no serious or critical accessibility problems, editing a queue and in the delete dialog', async ({
  ferry,
}) => {
  const app = await ferry.launch();
  const { queues } = await pausedQueueOfFour(app);
  await queues.windowOn.check();
  await queues.concurrency.fill('99');
  expect(await seriousViolations(app.page)).toEqual([]);
  await queues.button('Delete queue…').click();
  await expect(queues.deleteDialog).toBeVisible();
  expect(await seriousViolations(app.page)).toEqual([]);
});

test.describe('at 800×600', () => {
  test.use({ viewport: { width: 800, height: 600 } });

  test('dropping links on the Queues view opens the Add dialog on the queue shown there', async ({ ferry }) => {
    const app = await ferry.launch();
    const { queueId } = await pausedQueueOfFour(app);
    const dialog = new AddDialogPage(app.page);
    await dialog.drop({ text: `${server.url('/e.bin')}\n${server.url('/f.bin')}` });
    await expect(dialog.dialog).toBeVisible();
    await expect(dialog.queue.locator('option:checked')).toHaveText('Renders');
    await expect(dialog.count).toContainText('ready');
    await shootBothThemes(app, 'add-dialog-dropped-on-queue', async () => {
      expect(await seriousViolations(app.page)).toEqual([]);
    });
    await dialog.addButton.click();
    await expect(dialog.dialog).toBeHidden();
    await expect.poll(() => libraryOrder(app, queueId)).toEqual(['a.bin', 'b.bin', 'c.bin', 'd.bin', 'e.bin', 'f.bin']);
    expect(app.pageErrors).toEqual([]);
  });

  test('keeps the queue list in view and the open queue’s items above the fold', async ({ ferry }) => {
    const app = await ferry.launch();
    const { queues } = await pausedQueueOfFour(app);
    await expect(queues.item('d.bin')).toBeInViewport();
    await queues.windowOn.scrollIntoViewIfNeeded();
    await expect(queues.queue('Renders')).toBeInViewport();
    await expect(queues.queue('Default')).toBeInViewport();
    expect(app.pageErrors).toEqual([]);
  });

  test('screenshots of the Queues view in light and dark', async ({ ferry }) => {
    const app = await ferry.launch();
    app.services.library.createQueue({ name: 'Night', concurrency: 2, schedule: { start: '22:00', stop: '06:00' } });
    const { queues } = await pausedQueueOfFour(app);
    await queues.queue('Default').click();
    await shoot(app, 'list');

    await queues.queue('Renders').click();
    await queues.windowOn.check();
    await queues.windowStart.fill('06:00');
    await queues.item('b.bin').getByRole('checkbox').check();
    await queues.detail.getByRole('heading', { level: 2 }).scrollIntoViewIfNeeded();
    await shoot(app, 'edit');
    await queues.item('d.bin').scrollIntoViewIfNeeded();
    await shoot(app, 'edit-items');
    await queues.windowStart.fill('23:30');
    await queues.detail.locator('.queue-schedule').scrollIntoViewIfNeeded();
    await shoot(app, 'window');

    await queues.button('Delete queue…').click();
    await shoot(app, 'delete-dialog');
    expect(app.pageErrors).toEqual([]);
  });
});

function shoot(app: LaunchedFerry, name: string): Promise<void> {
  return shootBothThemes(app, `queues-${name}`);
}
