/** Small inline icons (no icon font to download); decorative, so hidden from screen readers. */
const PATHS = {
  settings:
    'M19.4 13a7.7 7.7 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7.6 7.6 0 0 0-1.7-1L15 3.2h-4l-.4 2.7a7.6 7.6 0 0 0-1.7 1l-2.5-1-2 3.5L6.6 11a7.7 7.7 0 0 0 0 2l-2.1 1.6 2 3.5 2.5-1a7.6 7.6 0 0 0 1.7 1l.4 2.7h4l.4-2.7a7.6 7.6 0 0 0 1.7-1l2.5 1 2-3.5zM13 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7z',
  back: 'M15.5 4.5 8 12l7.5 7.5',
  plus: 'M12 5v14M5 12h14',
  place: 'M12 21s-6-5.6-6-10.5a6 6 0 0 1 12 0C18 15.4 12 21 12 21zm0-8a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z',
  home: 'M4 11 12 4l8 7M6 9.5V20h4.5v-5h3v5H18V9.5',
  needs: 'M8 6h12M8 12h12M8 18h12M4 6h.01M4 12h.01M4 18h.01',
  offers: 'M4 10h16v10H4zM3 6h18v4H3zM12 6v14M12 6c-1-3-5-3-5-1s3 1 5 1c2 0 5 1 5-1s-4-2-5 1',
  matches: 'M9 7a4 4 0 1 0 0 10M15 7a4 4 0 1 1 0 10M9 12h6',
  more: 'M5 12h.01M12 12h.01M19 12h.01',
  search: 'M11 18a7 7 0 1 1 0-14 7 7 0 0 1 0 14zM16 16l5 5',
  download: 'M12 4v11M7 10l5 5 5-5M5 20h14',
  bell: 'M6 16.5V11a6 6 0 0 1 12 0v5.5l1.5 1.5h-15zM10 20.5a2 2 0 0 0 4 0',
  messages: 'M4 5h16v11H9l-5 4z',
} as const;

const STROKED = new Set<keyof typeof PATHS>(['back', 'plus', 'home', 'needs', 'offers', 'matches', 'more', 'search', 'download', 'bell', 'messages']);

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { name: IconName }) {
  const stroked = STROKED.has(name);
  return (
    <svg className="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path
        d={PATHS[name]}
        fill={stroked ? 'none' : 'currentColor'}
        stroke={stroked ? 'currentColor' : 'none'}
        strokeWidth={stroked ? 2.2 : 0}
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
