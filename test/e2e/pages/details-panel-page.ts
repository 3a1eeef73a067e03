import type { Locator, Page } from '@playwright/test';

/** The Details panel under the Downloads list, shown while exactly one download is selected. */
export class DetailsPanelPage {
  readonly panel: Locator;
  readonly source: Locator;
  readonly copySource: Locator;
  readonly sha256: Locator;
  readonly copySha256: Locator;
  readonly status: Locator;
  readonly image: Locator;
  readonly model: Locator;
  readonly viewer: Locator;
  readonly note: Locator;
  /** The timeline of attempts and errors, one list item per event, oldest first. */
  readonly timeline: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByRole('region', { name: /^Details of / });
    this.source = this.panel.locator('.details-source code');
    this.copySource = this.panel.getByRole('button', { name: 'Copy source link' });
    this.sha256 = this.panel.locator('.details-checksum code');
    this.copySha256 = this.panel.getByRole('button', { name: 'Copy sha256' });
    this.status = this.panel.locator('.details-status');
    this.image = this.panel.getByRole('img', { name: /^Preview of / });
    this.model = this.panel.locator('.model-preview');
    this.viewer = this.panel.locator('model-viewer');
    this.note = this.panel.locator('.preview-note');
    this.timeline = this.panel.getByRole('region', { name: 'Timeline' }).getByRole('listitem');
  }

  /** The value beside a label: "Saved to", "Size", "Checksum"… */
  field(label: string): Locator {
    return this.panel.locator(`dt:text-is("${label}") + dd`);
  }

  /** What each line of the timeline says, without its time. */
  timelineTexts(): Promise<string[]> {
    return this.timeline.locator('span').allTextContents();
  }

  /**
   * How much of an element is hidden: by the window's edges, or by the panel that scrolls it.
   * Zero when all of it can be seen.
   */
  async hiddenPixels(element: Locator): Promise<number> {
    return element.evaluate((node) => {
      const box = node.getBoundingClientRect();
      const panel = node.closest('.details-panel')?.getBoundingClientRect();
      const top = Math.max(0, panel?.top ?? 0);
      const bottom = Math.min(window.innerHeight, panel?.bottom ?? window.innerHeight);
      const left = Math.max(0, panel?.left ?? 0);
      const right = Math.min(window.innerWidth, panel?.right ?? window.innerWidth);
      const visibleHeight = Math.max(0, Math.min(box.bottom, bottom) - Math.max(box.top, top));
      const visibleWidth = Math.max(0, Math.min(box.right, right) - Math.max(box.left, left));
      return Math.round(box.height - visibleHeight + (box.width - visibleWidth));
    });
  }

  /** The image's decoded width: zero while it is not loaded or failed to decode. */
  imageWidth(): Promise<number> {
    return this.image.evaluate((image: HTMLImageElement) => image.naturalWidth);
  }

  /**
   * How many pixels of a freshly rendered frame are not transparent: the
   * viewer's canvas is clear where there is no model, so zero means nothing was drawn.
   */
  async drawnPixels(): Promise<number> {
    return this.viewer.evaluate(async (element) => {
      const viewer = element as HTMLElement & { toDataURL(type?: string): string };
      const frame = new Image();
      frame.src = viewer.toDataURL('image/png');
      await frame.decode();
      const canvas = document.createElement('canvas');
      canvas.width = frame.naturalWidth;
      canvas.height = frame.naturalHeight;
      const context = canvas.getContext('2d');
      if (!context || canvas.width === 0) return 0;
      context.drawImage(frame, 0, 0);
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let drawn = 0;
      for (let alpha = 3; alpha < data.length; alpha += 4) if ((data[alpha] ?? 0) > 0) drawn += 1;
      return drawn;
    });
  }
}
