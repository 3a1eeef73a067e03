import { createServer } from 'node:http';
import { type Listening, listenOnLoopback } from './loopback-listener';

export interface Answer {
  status: number;
  body: string | Buffer;
  contentType: string;
}

/** A loopback platform that answers every request, on any path, with the answer a property sets. */
export interface AnswerServer {
  url: string;
  answer: Answer;
  close(): Promise<void>;
}

export async function startAnswerServer(): Promise<AnswerServer> {
  const state: { answer: Answer } = { answer: { status: 200, body: '{}', contentType: 'application/json' } };
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const { status, body, contentType } = state.answer;
      response.writeHead(status, { 'content-type': contentType }).end(body);
    });
  });
  const listening: Listening = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${listening.port}`,
    get answer() {
      return state.answer;
    },
    set answer(answer: Answer) {
      state.answer = answer;
    },
    close: () => listening.close(),
  };
}
