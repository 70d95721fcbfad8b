/**
 * While `npm start` runs it writes the running stack's settings (emulator endpoints, table, queue
 * URLs) to .local/stack.json, and removes the file when it stops. The command-line tools
 * (`npm run admin`, `cases`, `keywords`) attach to that stack when no TABLE_NAME is set, so an
 * administrator can work against the demo without copying ports around. On AWS, TABLE_NAME and the
 * credentials come from the shell as usual and this file plays no part.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const STACK_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../.local/stack.json');

interface StackFile {
  pid: number;
  env: Record<string, string>;
}

export const writeStackFile = (env: Record<string, string>): void => {
  mkdirSync(path.dirname(STACK_FILE), { recursive: true });
  writeFileSync(STACK_FILE, JSON.stringify({ pid: process.pid, env } satisfies StackFile, null, 2), { mode: 0o600 });
};

export const removeStackFile = (): void => {
  rmSync(STACK_FILE, { force: true });
};

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Points this process at the stack `npm start` is running, unless a table is configured already. */
export const attachToLocalStack = (): boolean => {
  if (process.env.TABLE_NAME || !existsSync(STACK_FILE)) return false;
  const stack = JSON.parse(readFileSync(STACK_FILE, 'utf8')) as StackFile;
  if (!isRunning(stack.pid)) return false;
  Object.assign(process.env, stack.env);
  process.stderr.write(`(using the local stack of the running \`npm start\`, table ${stack.env.TABLE_NAME})\n`);
  return true;
};
