/**
 * The time pledges are judged at, re-read every minute (pledges expire with time, not only with
 * writes). The phone's clock: the hybrid clock (app/db/clock.ts) only remembers the newest stamp it
 * has seen, which includes the phone's own writes, so it is no better source of the server's time.
 * The server stays the judge of expiry (events stamped after the deadline are ignored by every
 * replica); a wrong phone clock only shifts what this phone shows.
 */
import { useEffect, useState } from 'react';

const TICK_MS = 60_000;

export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}
