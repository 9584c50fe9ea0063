// Output for the fast paths (help, version, completion) without process.stdout.
//
// The first use of process.stdout builds a stream (tty.WriteStream, net.Socket or SyncWriteStream),
// which loads Node's stream modules: ~3 ms, a tenth of `kubectl smlogs --help`. Short outputs are
// written straight to file descriptor 1 instead (on Linux and macOS process.stdout writes are
// synchronous too, so order is kept). Once something has created process.stdout (the verbs
// stream through it), everything goes through it.
import { fstatSync, statSync, writeSync } from 'node:fs';

let created = false;
/** Set once src/main.ts watches process.stdout; until then (tests calling run()) it is used as is. */
let tracking = false;
const onCreate: Array<(s: NodeJS.WriteStream) => void> = [];

/**
 * Calls `fn` with process.stdout when something first uses it (at once if it exists already).
 * Wraps Node's lazy `process.stdout` getter, which is why it must run before anything else
 * touches it (src/main.ts).
 */
export function whenStdoutCreated(fn: (s: NodeJS.WriteStream) => void): void {
  if (created) {
    fn(process.stdout);
    return;
  }
  onCreate.push(fn);
  if (onCreate.length > 1) return;
  const desc = Object.getOwnPropertyDescriptor(process, 'stdout');
  if (!desc?.get || !desc.configurable) {
    created = true;
    for (const f of onCreate.splice(0)) f(process.stdout);
    return;
  }
  const getter = desc.get;
  tracking = true;
  Object.defineProperty(process, 'stdout', {
    configurable: true,
    enumerable: desc.enumerable ?? true,
    get() {
      const stream = getter.call(process) as NodeJS.WriteStream;
      if (!created) {
        created = true;
        // Back to Node's own getter: no cost on later uses.
        Object.defineProperty(process, 'stdout', desc);
        for (const f of onCreate.splice(0)) f(stream);
      }
      return stream;
    },
  });
}

/** Whether process.stdout may hold writes to flush before exiting. */
export function stdoutCreated(): boolean {
  return created || !tracking;
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Writes all of `text` to stdout; a reader that went away (`| head`) ends the process with 0. */
export function writeOut(text: string): void {
  // Windows consoles need the stream (it writes UTF-16 to them).
  if (created || !tracking || process.platform === 'win32') {
    process.stdout.write(text);
    return;
  }
  const buf = Buffer.from(text, 'utf8');
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(1, buf, off, buf.length - off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        // A non-blocking pipe that is full: wait for the reader.
        Atomics.wait(pause, 0, 0, 5);
        continue;
      }
      if (code === 'EPIPE') process.exit(0);
      throw e;
    }
  }
}

/** Only a character device other than /dev/null can be a terminal; pipes and files never are. */
function mayBeTerminal(): boolean {
  if (created || !tracking) return true;
  try {
    const st = fstatSync(1);
    return st.isCharacterDevice() && (process.platform === 'win32' || st.rdev !== statSync('/dev/null').rdev);
  } catch {
    return true;
  }
}

/** For commander's help: the terminal's width, asking process.stdout only when fd 1 may be a terminal. */
export function outHelpWidth(): number {
  return mayBeTerminal() && process.stdout.isTTY ? process.stdout.columns : 80;
}

/** For commander's help: whether stdout shows colours (never when it is not a terminal). */
export function outHasColors(): boolean {
  return mayBeTerminal() && process.stdout.isTTY === true && process.stdout.hasColors?.() === true;
}
