import { useEffect, useState } from 'react';
import { localCalendarDay, msUntilNextLocalDay } from './local-day';

/**
 * Today's local calendar date, `YYYY-MM-DD`, moving on at local midnight and when the app comes back
 * to the foreground (a phone asleep overnight does not fire timers on time).
 */
export function useLocalToday(): string {
  const [today, setToday] = useState(() => localCalendarDay(new Date()));
  useEffect(() => {
    const check = () => setToday(localCalendarDay(new Date()));
    // A second after midnight, so a timer that fires a little early still lands on the new day.
    const timer = setTimeout(check, msUntilNextLocalDay(new Date()) + 1000);
    document.addEventListener('visibilitychange', check);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', check);
    };
  }, [today]);
  return today;
}
