// Small measuring tools for the benchmarks: timings, percentiles, figures the French way. Asserts nothing.
import { performance } from 'node:perf_hooks';

export interface Latencies {
  count: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

export function percentiles(samplesMs: readonly number[]): Latencies {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { count: sorted.length, p50Ms: round(at(0.5)), p95Ms: round(at(0.95)), p99Ms: round(at(0.99)) };
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Runs `work` `times` times in a row and returns each duration. */
export async function sample(times: number, work: (index: number) => Promise<unknown>): Promise<number[]> {
  const durations: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await work(i);
    durations.push(performance.now() - started);
  }
  return durations;
}

/** Runs `total` tasks with at most `concurrency` in flight; each task's duration and outcome. */
export async function pool<T>(
  total: number,
  concurrency: number,
  task: (index: number) => Promise<T>,
): Promise<{ elapsedMs: number; durations: number[]; results: Array<PromiseSettledResult<T>> }> {
  const durations: number[] = [];
  const results: Array<PromiseSettledResult<T>> = new Array(total);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, total) }, async () => {
      for (let index = next++; index < total; index = next++) {
        const begun = performance.now();
        try {
          results[index] = { status: 'fulfilled', value: await task(index) };
        } catch (reason) {
          results[index] = { status: 'rejected', reason };
        }
        durations.push(performance.now() - begun);
      }
    }),
  );
  return { elapsedMs: performance.now() - started, durations, results };
}

export const fr = (n: number, digits = 1) => n.toLocaleString('fr-FR', { maximumFractionDigits: digits });

/** A progress line on the terminal (long work shows progress), overwritten in place. */
export function progress(label: string, done: number, total: number): void {
  if (!process.stderr.isTTY) return;
  process.stderr.write(`\r${label} : ${fr(done, 0)} / ${fr(total, 0)}   `);
  if (done >= total) process.stderr.write('\n');
}

export function say(line: string): void {
  process.stderr.write(`${line}\n`);
}
