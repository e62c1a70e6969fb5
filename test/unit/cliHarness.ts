// Temp folders and an in-process run of the CLI, for the cli-*.test.ts files.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll } from 'vitest';
import { main } from '../../src/cli/main';

/** Folders made by `workspace`, removed after the file's tests. */
export function tempFolders(): (files: Record<string, string | Buffer>, root?: string) => string {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  return (files, root) => {
    if (!root) {
      root = mkdtempSync(path.join(tmpdir(), 'ksb-cli-'));
      dirs.push(root);
    }
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      writeFileSync(path.join(root, name), content);
    }
    return root;
  };
}

/** Runs the CLI in this process, as `ksb-evidence args` in `cwd`. */
export async function run(args: string[], cwd = process.cwd(), env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (s: string | Uint8Array) => ((stdout += typeof s === 'string' ? s : new TextDecoder().decode(s)), true), isTTY: false } as unknown as NodeJS.WriteStream,
    stderr: { write: (s: string) => ((stderr += s), true) } as unknown as NodeJS.WriteStream,
    cwd,
    env,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** The bundled CLI, as `npm test` builds it before the unit tests. */
export const CLI = path.resolve(__dirname, '../../dist/cli.js');
