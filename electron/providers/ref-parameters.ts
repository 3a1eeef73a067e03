/**
 * A platform ref's parameters are Ferry's own words, so one Ferry does not know is a typo or a form it does not
 * take: refused by name rather than ignored, which would download something other than what was asked for.
 * (A plain http(s) link's query is the server's, and is never checked here.)
 */
export function unknownParameterProblem(form: string, query: string, known: readonly string[]): string | null {
  const unknown = [...new URLSearchParams(query).keys()].find((name) => !known.includes(name));
  if (unknown === undefined) return null;
  const takes = known.length === 0 ? 'take no parameters' : `take only ${known.map((name) => `${name}=`).join(', ')}`;
  return `"${unknown.slice(0, 50)}" is not a parameter of ${form} refs: they ${takes}.`;
}
