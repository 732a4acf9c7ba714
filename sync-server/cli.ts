/**
 * `npm run admin -- <command>`: administration from the terminal.
 *   create-moderator --email X --name Z [--password Y]   (without --password, reads it from stdin)
 * Talks to the same store as the server: COUCHDB_URL; else the embedded store already running for
 * DATA_DIR (found through DATA_DIR/store.json, since LevelDB allows one process per directory);
 * else it starts the embedded store itself and stops it when done.
 * Exit codes: 0 done, 1 failed (e.g. the email has an account), 2 bad usage or configuration.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { createModerator } from './auth/moderators';
import { PasswordPolicyError } from './auth/passwords';
import { ConfigError, loadConfig, type Config } from './config';
import { openStore } from './store/open-store';

const USAGE = `Usage: npm run admin -- create-moderator --email EMAIL --name "DISPLAY NAME" [--password PASSWORD]
  Without --password the password is read from the first line of standard input
  (keeps it out of the shell history: echo "$PASSWORD" | npm run admin -- create-moderator …).
Environment: COUCHDB_URL, or DATA_DIR of the embedded store (default ./data); DB_PREFIX.`;

class UsageError extends Error {
  override name = 'UsageError';
}

async function readFirstLine(): Promise<string> {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

async function createModeratorCommand(args: string[], config: Config): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
    strict: true,
  });
  if (!values.email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email)) throw new UsageError('--email must be an email address');
  if (!values.name?.trim()) throw new UsageError('--name is required');
  const password = values.password ?? (await readFirstLine());
  const store = await openStore(config);
  try {
    await store.couch.ensureDatabases();
    await store.couch.ensurePrivateDatabases();
    const result = await createModerator(store.couch, { email: values.email.trim().toLowerCase(), password, displayName: values.name.trim() }, 'cli');
    if (!result.created) {
      process.stderr.write(`An account with the email ${values.email} exists already; nothing was changed.\n`);
      return 1;
    }
    process.stdout.write(`Created moderator ${values.email} (member ${result.memberId}).\n`);
    return 0;
  } finally {
    await store.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  try {
    const config = loadConfig();
    if (command === 'create-moderator') return await createModeratorCommand(args, config);
    throw new UsageError(command ? `Unknown command "${command}"` : 'No command given');
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof PasswordPolicyError) {
      process.stderr.write(`${error.message}.\n`);
      return 2;
    }
    throw error;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`The command failed: ${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
