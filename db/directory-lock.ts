import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

interface LockHolder {
  pid: number;
  startedAt?: string;
  argv?: string[];
}

/** How long to wait for another process that is replacing the same stale lock (it needs microseconds). */
const TAKEOVER_WAIT_MS = 2_000;

/**
 * PGlite does not stop a second process from opening its folder, and then writes are silently lost. So a process
 * holds `ailegr.lock` in the folder, naming itself; a second one fails with a message that names the holder. A
 * lock left by a dead process is taken over, by exactly one process even when several find it at once: see
 * takeFile. Returns the release, which also runs when the process exits.
 *
 * @example const release = await lockDirectory('.data'); … release();
 */
export async function lockDirectory(dir: string): Promise<() => void> {
  const lockPath = path.join(dir, 'ailegr.lock');
  const mine = JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString(), argv: process.argv.slice(1, 3) });
  const deadline = Date.now() + TAKEOVER_WAIT_MS;
  for (;;) {
    const outcome = takeFile(lockPath, mine);
    if (outcome.taken) return releaseOnExit(lockPath, mine);
    if (outcome.holder) {
      throw new Error(
        `The embedded database in ${dir} is in use by process ${outcome.holder.pid} (started ${outcome.holder.startedAt}, ` +
          `${outcome.holder.argv?.join(' ') ?? 'unknown command'}). Stop it first, or set AILEGR_DATA_DIR to another folder, ` +
          'or set DATABASE_URL to share a PostgreSQL server between processes.',
      );
    }
    // Another live process is replacing the same stale lock: a moment from now the lock is its own (or free).
    if (Date.now() > deadline) throw new Error(`Could not take the lock file ${lockPath}: another process kept replacing it for ${TAKEOVER_WAIT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

type Take = { taken: true } | { taken: false; holder?: LockHolder };

/**
 * Creates `file` holding `content` unless a live process holds it (its holder is then returned). A file left by a
 * dead process may only be removed by the one process that wins a claim on that very file: an exclusive create of
 * `<file>.<hash of its content>.claim`. Checking and removing are then safe from the race where two processes
 * both see the stale file, one replaces it, and the other removes the replacement and writes its own. A claim
 * whose taker died is itself a stale file, taken over the same way (recursively).
 */
function takeFile(file: string, content: string): Take {
  if (createExclusive(file, content)) return { taken: true };
  const found = readIfExists(file);
  if (found === null) return { taken: false }; // released in between: try again
  const holder = parseHolder(found);
  if (holder && holder.pid !== process.pid && isAlive(holder.pid)) return { taken: false, holder };
  const claim = `${file}.${createHash('sha256').update(found).digest('hex').slice(0, 16)}.claim`;
  if (!takeFile(claim, content).taken) return { taken: false }; // a live process is replacing it
  try {
    // Still the same stale file? Only a holder of this claim may have removed it, and we hold it.
    if (readIfExists(file) === found) fs.rmSync(file, { force: true });
    return { taken: createExclusive(file, content) };
  } finally {
    fs.rmSync(claim, { force: true });
  }
}

/** An exclusive create that shows the whole content at once: a reader never sees a half-written lock. */
function createExclusive(file: string, content: string): boolean {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(temp, content, { flag: 'wx' });
  try {
    fs.linkSync(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/** The release: removes the lock if it is still ours; runs at the latest when the process exits. */
function releaseOnExit(file: string, mine: string): () => void {
  const release = () => {
    process.off('exit', release);
    if (readIfExists(file) === mine) fs.rmSync(file, { force: true });
  };
  process.on('exit', release);
  return release;
}

function readIfExists(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The holder a lock names; undefined for content no process of ours wrote (it is treated as stale). */
function parseHolder(content: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(content) as Partial<LockHolder>;
    return Number.isInteger(parsed.pid) && parsed.pid! > 0 ? (parsed as LockHolder) : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
