import { cpSync, mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';

/**
 * A Dockerfile read as Docker reads the parts the tests care about: stages (FROM … AS name), and in each its WORKDIR,
 * ENV, COPY, USER, HEALTHCHECK and CMD, continuation lines joined, `${ARG}` left for `substitute`. Enough for the
 * tests to assemble an image's files and run its command without a Docker engine.
 */
export interface DockerStage {
  name: string;
  base: string;
  workdir: string;
  env: Record<string, string>;
  copies: Array<{ from?: string; source: string; target: string }>;
  user?: string;
  healthcheck?: string[];
  cmd?: string[];
}

/** `${NAME}` and `$NAME` replaced from `values`; an unknown name is left as it is. */
export function substitute(text: string, values: Record<string, string>): string {
  return text.replace(/\$\{(\w+)\}|\$(\w+)/g, (whole, braced: string, bare: string) => values[braced ?? bare] ?? whole);
}

const execForm = (text: string): string[] => JSON.parse(text.trim()) as string[];

export function parseDockerfile(text: string): DockerStage[] {
  const instructions = text
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: DockerStage[] = [];
  for (const line of instructions) {
    const [keyword, ...rest] = line.split(/\s+/);
    const argument = line.slice(keyword.length).trim();
    const stage = stages.at(-1);
    switch (keyword.toUpperCase()) {
      case 'FROM': {
        const match = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(argument);
        if (!match) throw new Error(`FROM illisible : ${line}`);
        stages.push({ name: match[2] ?? String(stages.length), base: match[1], workdir: '/', env: {}, copies: [] });
        break;
      }
      case 'WORKDIR':
        if (stage) stage.workdir = argument;
        break;
      case 'ENV':
        if (stage)
          for (const pair of argument.matchAll(/(\w+)=("[^"]*"|\S+)/g))
            stage.env[pair[1]] = pair[2].replace(/^"|"$/g, '');
        break;
      case 'COPY': {
        if (!stage) break;
        const from = rest.find((word) => word.startsWith('--from='))?.slice('--from='.length);
        const paths = rest.filter((word) => !word.startsWith('--'));
        const target = paths.at(-1) as string;
        for (const source of paths.slice(0, -1)) stage.copies.push({ ...(from ? { from } : {}), source, target });
        break;
      }
      case 'USER':
        if (stage) stage.user = argument;
        break;
      case 'HEALTHCHECK':
        if (stage) stage.healthcheck = execForm(argument.slice(argument.indexOf('CMD') + 3));
        break;
      case 'CMD':
        if (stage) stage.cmd = execForm(argument);
        break;
      default:
        break;
    }
  }
  return stages;
}

/**
 * Carries out a stage's COPY lines under `root`, a folder standing for the image's « / »: a source in the build
 * stage (`/src/…`) or the build context is this repository's; a relative target is under the stage's WORKDIR, a
 * target ending in « / » a folder. node_modules is linked rather than copied (the image's would be the same files).
 */
export function layOut(stage: DockerStage, repository: string, root: string, args: Record<string, string> = {}): void {
  for (const copy of stage.copies) {
    const source = join(repository, substitute(copy.source, args).replace(/^\/src\/?/, ''));
    const target = substitute(copy.target, args);
    const path = join(
      root,
      posix.resolve(stage.workdir, target),
      target.endsWith('/') ? (copy.source.split('/').pop() as string) : '',
    );
    mkdirSync(dirname(path), { recursive: true });
    if (source === join(repository, 'node_modules')) symlinkSync(source, path);
    else cpSync(source, path, { recursive: true });
  }
}
