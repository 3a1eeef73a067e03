/** Where the window was and how big, in screen pixels, and whether it was maximized. */
export interface WindowState {
  x: number;
  y: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_SIZE = { width: 1200, height: 780 };

/** Reads a saved state, or null when it is missing, torn or from a future version that shaped it otherwise. */
export function parseWindowState(value: unknown): WindowState | null {
  if (typeof value !== 'object' || value === null) return null;
  const { x, y, width, height, maximized } = value as Record<string, unknown>;
  const numbers = [x, y, width, height];
  if (!numbers.every((n) => typeof n === 'number' && Number.isInteger(n))) return null;
  if ((width as number) <= 0 || (height as number) <= 0 || typeof maximized !== 'boolean') return null;
  return { x, y, width, height, maximized } as WindowState;
}

function contains(area: Rect, rect: Rect): boolean {
  return (
    rect.x >= area.x &&
    rect.y >= area.y &&
    rect.x + rect.width <= area.x + area.width &&
    rect.y + rect.height <= area.y + area.height
  );
}

/**
 * Where the window opens: where it was, when that still lies whole on one of
 * the connected displays' work areas (a monitor unplugged since, or a lower
 * resolution, would leave it off screen); else the default size, centred on
 * the primary display and no larger than it.
 */
export function placeWindow(saved: WindowState | null, workAreas: readonly Rect[]): WindowState {
  if (saved && workAreas.some((area) => contains(area, saved))) return saved;
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  const width = Math.min(DEFAULT_SIZE.width, primary.width);
  const height = Math.min(DEFAULT_SIZE.height, primary.height);
  return {
    x: primary.x + Math.round((primary.width - width) / 2),
    y: primary.y + Math.round((primary.height - height) / 2),
    width,
    height,
    maximized: saved?.maximized ?? false,
  };
}
