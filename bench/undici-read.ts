import { Agent, request } from 'undici';

/**
 * The runtime's floor for the single-connection case: undici reading the file
 * and throwing it away, no disk at all. Ferry cannot be faster, or lighter,
 * than this on the same Node.
 */
async function main(): Promise<void> {
  const url = process.argv[2];
  if (!url) throw new Error('usage: undici-read URL');
  const agent = new Agent();
  const { body } = await request(url, { dispatcher: agent, bodyTimeout: 0 });
  for await (const _chunk of body);
  await agent.close();
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
