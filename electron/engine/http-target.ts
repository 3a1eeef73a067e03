/** One request as the engine sends it, hop by hop through redirects. */
export interface HttpTarget {
  method: 'GET' | 'POST';
  url: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body?: string;
}

export function toTarget(spec: {
  method?: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
}): HttpTarget {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(spec.headers ?? {})) headers[name.toLowerCase()] = value;
  return { method: spec.method ?? 'GET', url: spec.url, headers, body: spec.body };
}
