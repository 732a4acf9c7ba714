/**
 * The phone's hybrid logical clock (domain/hlc.ts). It remembers the newest server-side timestamp it
 * has seen, in a local document, so a phone whose wall clock fell back after a power cut still
 * stamps its edits after what it has already synced.
 */
import { CoalescingWriter, readLocal, type LocalDocumentsHolder } from './local-state';
import { nextTimestamp, observeTimestamp } from '../../domain/hlc';

const CLOCK_DOC = 'hlc';

export class HybridClock {
  private lastSeen = 0;
  private persisted = 0;
  private readonly writer: CoalescingWriter;
  private constructor(db: LocalDocumentsHolder) {
    this.writer = new CoalescingWriter(db, CLOCK_DOC, () => ({ lastSeen: this.lastSeen }));
  }

  static async open(db: LocalDocumentsHolder): Promise<HybridClock> {
    const clock = new HybridClock(db);
    clock.lastSeen = (await readLocal(db, CLOCK_DOC, { lastSeen: 0 })).lastSeen;
    clock.persisted = clock.lastSeen;
    return clock;
  }

  /** A stamp for a local write, later than everything seen so far. */
  stamp(now = Date.now()): number {
    this.lastSeen = nextTimestamp(now, this.lastSeen);
    return this.lastSeen;
  }

  /** Records a timestamp that came from the server. */
  observe(timestamp: unknown): void {
    this.lastSeen = observeTimestamp(this.lastSeen, timestamp);
  }

  /** Saves the clock when it moved (called after syncs and writes; cheap when nothing changed). */
  save(): Promise<void> {
    if (this.lastSeen === this.persisted) return Promise.resolve();
    this.persisted = this.lastSeen;
    return this.writer.save();
  }
}
