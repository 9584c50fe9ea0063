import v8 from 'node:v8';
import vm from 'node:vm';

// A catch-up of a million events allocates a few hundred megabytes a second of pages that live
// just long enough (while the merge waits on the other streams) to be promoted, then die. V8
// lets such garbage pile up in the old generation to several times what is alive (measured: 17
// MB alive, 100+ MB of heap, 250 MB peak RSS). A full collection whenever the heap has grown by
// GROWTH since the last one keeps the process near its live size for a few milliseconds each.
// Flags such as --max-old-space-size would do it, but a kubectl plugin (and a single executable)
// cannot pass flags to its own runtime.
const GROWTH = 20 * 1024 * 1024;

let collect: (() => void) | null | undefined;

function collector(): (() => void) | null {
  if (collect === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      collect = vm.runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  return collect;
}

export class HeapGovernor {
  private base = v8.getHeapStatistics().used_heap_size;

  /** Call now and then (per batch of events); collects when the heap has grown enough. */
  check(): void {
    const used = v8.getHeapStatistics().used_heap_size;
    if (used - this.base < GROWTH) return;
    const gc = collector();
    if (!gc) return;
    gc();
    this.base = v8.getHeapStatistics().used_heap_size;
  }
}
