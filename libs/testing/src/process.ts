import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { waitUntil } from './wait';

const ROOT = join(__dirname, '..', '..', '..');

export interface TsProcess {
  child: ChildProcess;
  /** Every line printed on stdout so far. */
  lines: string[];
  stderr(): string;
  /** Resolves with the signal or exit code. */
  exited: Promise<NodeJS.Signals | number | null>;
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** SIGTERM, then SIGKILL if it lingers. */
  stop(): Promise<void>;
}

/**
 * Runs a TypeScript entry point of the workspace in a process of its own (through tools/register-ts.js), so tests
 * can start services for real and kill them for real.
 */
export function spawnTsProcess(entry: string, env: Record<string, string | undefined>, args: string[] = []): TsProcess {
  return spawnProcess(
    process.execPath,
    ['-r', join(ROOT, 'tools', 'register-ts.js'), join(ROOT, entry), ...args],
    env,
    {
      label: entry,
    },
  );
}

/** Any command as a process of its own, watched the same way (a built deployable, an image's command line). */
export function spawnProcess(
  command: string,
  args: string[],
  env: Record<string, string | undefined>,
  options: { cwd?: string; label?: string } = {},
): TsProcess {
  const entry = options.label ?? [command, ...args].join(' ');
  const child = spawn(command, args, {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL === 'silent' ? 'warn' : process.env.LOG_LEVEL, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => lines.push(line));
  child.stderr?.on('data', (chunk) => (stderr = (stderr + String(chunk)).slice(-20_000)));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? code)),
  );
  let done = false;
  void exited.then(() => (done = true));
  return {
    child,
    lines,
    stderr: () => stderr,
    exited,
    waitForLine: async (pattern, timeoutMs = 60_000) => {
      let found: RegExpExecArray | null = null;
      await waitUntil(
        () => {
          if (done && !found) throw new Error(`${entry} s’est arrêté avant « ${pattern} » : ${stderr.slice(-2_000)}`);
          found = lines.map((line) => pattern.exec(line)).find((m): m is RegExpExecArray => m !== null) ?? null;
          return found !== null;
        },
        timeoutMs,
        `${entry} : ${pattern}`,
      );
      return found as unknown as RegExpExecArray;
    },
    stop: async () => {
      if (done) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
