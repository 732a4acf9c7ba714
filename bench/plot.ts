/** A dependency-free SVG bar chart of benchmark timings (in `unit`, seconds by default), written next to the JSON. */
export function barChartSvg(title: string, bars: { label: string; value: number }[], unit = 's'): string {
  const width = 640;
  const barHeight = 28;
  const labelWidth = 220;
  const top = 40;
  const max = Math.max(...bars.map((bar) => bar.value), 0.001);
  const rows = bars
    .map((bar, index) => {
      const y = top + index * (barHeight + 10);
      const length = ((width - labelWidth - 80) * bar.value) / max;
      return [
        `<text x="8" y="${y + 19}" font-size="14">${escape(bar.label)}</text>`,
        `<rect x="${labelWidth}" y="${y}" width="${length.toFixed(1)}" height="${barHeight}" fill="#0057b7"/>`,
        `<text x="${(labelWidth + length + 6).toFixed(1)}" y="${y + 19}" font-size="14">${unit === 's' ? bar.value.toFixed(3) : bar.value.toFixed(0)} ${unit}</text>`,
      ].join('');
    })
    .join('\n');
  const height = top + bars.length * (barHeight + 10) + 10;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">
<rect width="100%" height="100%" fill="#fff"/>
<text x="8" y="24" font-size="16" font-weight="bold">${escape(title)}</text>
${rows}
</svg>
`;
}

function escape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
