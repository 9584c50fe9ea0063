import type { LogEvent } from './event';

/**
 * Remembers which events were printed so that overlapping re-reads print only what is new.
 *
 * Following re-reads a window [low, now] on every poll, because CloudWatch can ingest an event
 * long after newer ones and no cursor moves backwards. GetLogEvents gives no eventId, and two
 * events of one stream may share time, ingestion time and text (two blank lines in one
 * millisecond), so identity is the multiset of (stream, timestamp, ingestionTime, message):
 * within one read that covers every event of a given timestamp, the k-th copy of a key is the
 * same event as the k-th copy seen before. A read therefore prints a copy only when it holds
 * more copies of that key than were printed so far. This holds for a read cut short by an error
 * too, since a partial read only ever sees fewer copies.
 */
export class PrintedSet {
  // timestamp → key → copies printed. Bucketed by timestamp so that forget() is cheap.
  private readonly byTime = new Map<number, Map<string, number>>();
  private floor = Number.NEGATIVE_INFINITY;
  private size_ = 0;

  /** Starts one read. Feed it every event of the read, in any order; it returns the new ones. */
  beginRead(): ReadSession {
    // Copies seen in this read, per timestamp and key: keyOf() leaves the timestamp to the
    // buckets, and identical lines of neighbouring milliseconds (one batch, one ingestion time)
    // must not count as copies of each other.
    const counts = new Map<string, number>();
    return {
      isNew: (e: LogEvent): boolean => {
        if (e.timestamp < this.floor) return false;
        const key = keyOf(e);
        const readKey = `${e.timestamp}\u0000${key}`;
        const seenInRead = (counts.get(readKey) ?? 0) + 1;
        counts.set(readKey, seenInRead);
        let bucket = this.byTime.get(e.timestamp);
        const printed = bucket?.get(key) ?? 0;
        if (seenInRead <= printed) return false;
        if (!bucket) {
          bucket = new Map();
          this.byTime.set(e.timestamp, bucket);
        }
        if (printed === 0) this.size_++;
        bucket.set(key, seenInRead);
        return true;
      },
    };
  }

  /**
   * Forgets events older than `timestamp`. Later reads must not reach below it: events older
   * than the floor are treated as already printed.
   */
  forgetBefore(timestamp: number): void {
    if (timestamp <= this.floor) return;
    this.floor = timestamp;
    for (const [t, bucket] of this.byTime) {
      if (t < timestamp) {
        this.size_ -= bucket.size;
        this.byTime.delete(t);
      }
    }
  }

  get lowestRemembered(): number {
    return this.floor;
  }

  /** Number of distinct keys remembered (for tests and memory bounds). */
  get size(): number {
    return this.size_;
  }
}

export interface ReadSession {
  isNew(e: LogEvent): boolean;
}

function keyOf(e: LogEvent): string {
  return `${e.stream}\u0000${e.ingestionTime}\u0000${e.message}`;
}
