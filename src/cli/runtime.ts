import { ExitCode } from '../core/exit-codes';
import { setMaxListeners } from 'node:events';
import { MAX_TIMER_MS } from '../core/duration';
import { connect } from '../kube/connection';
import { checkNamespaceName } from '../kube/names';
import { Resolver } from '../kube/resolve';
import { Palette } from '../render/palette';
import { connectionFlags, type ColorChoice, type RawConnectionOpts } from './options';

/** What the process runs in: terminals, colour, environment. Read once, passed down. */
export interface Terminal {
  readonly stdinTTY: boolean;
  readonly stdoutTTY: boolean;
  readonly stderrTTY: boolean;
  readonly env: NodeJS.ProcessEnv;
}

export function currentTerminal(): Terminal {
  return { stdinTTY: process.stdin.isTTY === true, stdoutTTY: process.stdout.isTTY === true, stderrTTY: process.stderr.isTTY === true, env: process.env };
}

/** `--color auto` means colour only on a terminal and never with NO_COLOR set (no-color.org). */
export function colourFor(choice: ColorChoice, tty: boolean, env: NodeJS.ProcessEnv): boolean {
  if (choice === 'always') return true;
  if (choice === 'never') return false;
  return tty && !(env.NO_COLOR !== undefined && env.NO_COLOR !== '') && env.TERM !== 'dumb';
}

/** Status lines on stderr; coloured only when stderr is a terminal. */
export class Stderr {
  readonly palette: Palette;

  constructor(
    readonly term: Terminal,
    choice: ColorChoice = 'auto',
  ) {
    this.palette = new Palette(colourFor(choice, term.stderrTTY, term.env));
  }

  line(text: string): void {
    process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
  }
}

export function makeResolver(o: RawConnectionOpts, env: NodeJS.ProcessEnv): Resolver {
  // Here rather than in connectionFlags: shell completion shares that and must never fail.
  if (o.namespace) checkNamespaceName(o.namespace, '--namespace');
  const flags = connectionFlags(o);
  const fallbackRegion = o.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  return new Resolver(() => connect(flags, env), fallbackRegion ? { fallbackRegion } : {});
}

/**
 * One AbortSignal for the run: Ctrl-C (exit 130) and --timeout (exit 5) both end it, and every
 * loop and request listens to it.
 */
export class RunControl {
  private readonly controller = new AbortController();
  private reasonValue: 'interrupted' | 'timeout' | undefined;
  private timer: NodeJS.Timeout | undefined;
  private signalName: 'SIGINT' | 'SIGTERM' | undefined;
  private readonly onSigint = (): void => this.interrupt('SIGINT');
  private readonly onSigterm = (): void => this.interrupt('SIGTERM');

  constructor() {
    // Every in-flight request listens to this signal; dozens at once are normal, not a leak.
    setMaxListeners(0, this.controller.signal);
    process.on('SIGINT', this.onSigint);
    process.on('SIGTERM', this.onSigterm);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get reason(): 'interrupted' | 'timeout' | undefined {
    return this.reasonValue;
  }

  setTimeout(ms: number | undefined): void {
    if (ms === undefined || ms <= 0) return;
    // Node fires a timer longer than 2^31-1 ms (~24.8 days) after 1 ms, so `--timeout 30d` (jobs
    // may run 28 days) is armed in steps toward its deadline.
    const deadline = Date.now() + ms;
    const arm = (): void => {
      const left = deadline - Date.now();
      if (left <= 0) return this.stop('timeout');
      this.timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
      this.timer.unref();
    };
    arm();
  }

  /** The exit code of an interrupted run: 130 for Ctrl-C (SIGINT), 143 for SIGTERM. */
  get interruptExit(): ExitCode {
    return this.signalName === 'SIGTERM' ? ExitCode.Terminated : ExitCode.Interrupted;
  }

  private interrupt(signal: 'SIGINT' | 'SIGTERM'): void {
    this.signalName ??= signal;
    this.stop('interrupted');
  }

  stop(reason: 'interrupted' | 'timeout'): void {
    if (this.reasonValue) {
      // A second Ctrl-C while finishing: leave now.
      if (reason === 'interrupted') process.exit(this.interruptExit);
      return;
    }
    this.reasonValue = reason;
    this.controller.abort(new Error(reason));
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    process.off('SIGINT', this.onSigint);
    process.off('SIGTERM', this.onSigterm);
  }
}
