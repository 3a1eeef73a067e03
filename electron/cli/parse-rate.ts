const units: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };

/** `2M`, `500k`, `1.5MB`, `300000` -> bytes per second; undefined when it is not a rate. */
export function parseRate(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?(?:\/s)?$/i.exec(text.trim());
  if (!match) return undefined;
  const bytes = Number(match[1]) * (units[(match[2] ?? '').toUpperCase()] ?? 1);
  return Number.isFinite(bytes) ? Math.round(bytes) : undefined;
}
