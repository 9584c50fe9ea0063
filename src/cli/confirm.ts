import { createInterface } from 'node:readline/promises';

export type Answer = 'yes' | 'no' | 'interrupted';

/** Asks a yes/no question on the terminal: only "y" or "yes" is a yes; Ctrl-D is a no; Ctrl-C says so. */
export async function confirm(question: string, input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stderr): Promise<Answer> {
  const rl = createInterface({ input, output, terminal: true });
  try {
    // readline takes Ctrl-C away from the process while it reads a terminal; answer it ourselves.
    const interrupted = new Promise<Answer>((resolve) => rl.once('SIGINT', () => resolve('interrupted')));
    const closed = new Promise<Answer>((resolve) => rl.once('close', () => resolve('no')));
    const answered = rl.question(question).then((a): Answer => (/^(y|yes)$/i.test(a.trim()) ? 'yes' : 'no'));
    return await Promise.race([answered, interrupted, closed]);
  } finally {
    rl.close();
  }
}
