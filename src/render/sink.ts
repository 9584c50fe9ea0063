/**
 * Buffered, back-pressured writing of log lines to stdout. Lines are joined into large writes
 * (one write per line costs more than formatting it); a batch is flushed as soon as it is
 * complete while following, so latency stays low. A reader that goes away (`| head`) ends the
 * run quietly: the stream reports EPIPE and `closed` turns true.
 */
export class LineSink {
  private parts: string[] = [];
  private size = 0;
  private closedFlag = false;
  private pending: Promise<void> | undefined;

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly highWater = 256 * 1024,
  ) {
    out.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') this.closedFlag = true;
      else throw e;
    });
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /** Queues text; writes once enough has gathered. Await it to respect back-pressure. */
  async write(text: string): Promise<void> {
    if (this.closedFlag) return;
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= this.highWater) await this.flush();
  }

  /** Writes everything queued and waits until the stream accepts more. */
  async flush(): Promise<void> {
    if (this.pending) await this.pending;
    if (this.closedFlag || this.parts.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    const ok = this.out.write(chunk);
    if (!ok) {
      this.pending = new Promise<void>((resolve) => {
        const done = (): void => {
          this.out.off('drain', done);
          this.out.off('close', done);
          this.pending = undefined;
          resolve();
        };
        this.out.on('drain', done);
        this.out.on('close', done);
      });
      await this.pending;
    }
  }

  /** Resolves when everything written so far has been handed to the OS. */
  async end(): Promise<void> {
    await this.flush();
    if (this.closedFlag) return;
    await new Promise<void>((resolve) => this.out.write('', () => resolve()));
  }
}
