// A racer for the embedded database's folder lock, in an OS process of its own: `node --import tsx
// tests/support/lock-race-process.ts` with AILEGR_DATA_DIR. It loads the database client and prints READY; then, for
// each `GO <instant>` line on stdin, where the instant is a reading of the machine's monotonic clock
// (process.hrtime, one clock for every process on Linux), it spins until that instant, so that two racers open the
// folder within microseconds of each other, opens it and prints one JSON line: {"ok":true,"pid"} when it holds the
// folder, or {"ok":false,"pid","message"}. A holder closes the database on `RELEASE` and prints RELEASED. It exits
// when stdin closes.
import path from 'node:path';
import { createInterface } from 'node:readline';
import { openPglite, type DatabaseHandle } from '@/db/client';

const dir = process.env.AILEGR_DATA_DIR;
if (!dir) throw new Error('lock-race-process needs AILEGR_DATA_DIR');

let handle: DatabaseHandle | undefined;
const say = (line: string) => process.stdout.write(`${line}\n`);

async function race(instant: bigint) {
  while (process.hrtime.bigint() < instant) {
    // Spin rather than sleep: a timer would wake each racer at a different moment.
  }
  try {
    handle = await openPglite(path.resolve(dir!));
    say(JSON.stringify({ ok: true, pid: process.pid }));
  } catch (error) {
    say(JSON.stringify({ ok: false, pid: process.pid, message: (error as Error).message }));
  }
}

let work = Promise.resolve();
createInterface({ input: process.stdin })
  .on('line', (line) => {
    work = work.then(async () => {
      if (line.startsWith('GO ')) await race(BigInt(line.slice(3)));
      else if (line === 'RELEASE') {
        await handle?.close();
        handle = undefined;
        say('RELEASED');
      }
    });
  })
  .on('close', () => void work.then(() => handle?.close()));
say('READY');
