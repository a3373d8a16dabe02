// A test job kind: step N appends "<job> step N <owner>" to a file, then takes a while, and
// returns checkpoint N+1. Appending again from the same checkpoint is the step's one repeatable effect.
import { appendFileSync } from 'node:fs';
import type { JobKind } from '../../../src/jobs/types.js';

export interface AppendInput { steps: number }

export function appendKind(file: string, stepMs: number, onStep?: (n: number) => void): JobKind<number, AppendInput> {
  return {
    kind: 'test.append',
    async step(job, ctx) {
      const n = job.checkpoint ?? 0;
      onStep?.(n);
      appendFileSync(file, `${job.id} step ${n} ${ctx.owner}\n`);
      await new Promise((r) => setTimeout(r, stepMs));
      return { checkpoint: n + 1, progress: { Steps: 1 }, done: n + 1 >= job.input.steps };
    },
  };
}

/** The lines of the file as [job, step, owner]. */
export function readSteps(text: string): [string, number, string][] {
  return text.split('\n').filter(Boolean).map((line) => {
    const [job, word, n, owner] = line.split(' ');
    if (word !== 'step' || owner === undefined) throw new Error(`unexpected line ${JSON.stringify(line)}`);
    return [job, Number(n), owner];
  });
}
