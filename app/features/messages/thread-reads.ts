/**
 * Read marks of message threads for the messages screens and the navigation badge: the per-device
 * local document of app/db/read-marks.ts, shared with notifications so both count the same unread
 * messages. Guarantee (there): a mark only moves forward; writes are applied one after another.
 */
import { useEffect, useState } from 'react';
import type { LocalStore } from '../../db/local-store';
import { threadReads$, type ThreadReads } from '../../db/read-marks';

export { markThreadRead, type ThreadReads } from '../../db/read-marks';

/** The phone's read marks, kept current; null until they are read. */
export function useThreadReads(store: LocalStore): ThreadReads | null {
  const [reads, setReads] = useState<{ store: LocalStore; marks: ThreadReads } | null>(null);
  useEffect(() => {
    const subscription = threadReads$(store).subscribe((marks) => setReads({ store, marks }));
    return () => subscription.unsubscribe();
  }, [store]);
  return reads?.store === store ? reads.marks : null;
}
