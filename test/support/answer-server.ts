import { createServer } from 'node:http';
import { type Listening, listenOnLoopback } from './loopback-listener';

export interface Answer {
  status: number;
  body: string | Buffer;
  contentType: string;
}

/** A loopback platform that answers every request, on any path, with the answers a test sets. */
export interface AnswerServer {
  url: string;
  /** The same answer to every request from now on. */
  answer: Answer;
  /** These answers to the next requests, in order; the last one to every request after them. */
  serve(answers: Answer[]): void;
  close(): Promise<void>;
}

export async function startAnswerServer(): Promise<AnswerServer> {
  let queue: Answer[] = [{ status: 200, body: '{}', contentType: 'application/json' }];
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const { status, body, contentType } = (queue.length > 1 ? queue.shift() : queue[0]) as Answer;
      response.writeHead(status, { 'content-type': contentType }).end(body);
    });
  });
  const listening: Listening = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${listening.port}`,
    get answer() {
      return queue[0] as Answer;
    },
    set answer(answer: Answer) {
      queue = [answer];
    },
    serve(answers) {
      queue = [...answers];
    },
    close: () => listening.close(),
  };
}
