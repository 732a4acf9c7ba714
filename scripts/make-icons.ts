/**
 * Draws the app icons (two linked rings, yellow and white, on Ukrainian blue) and writes them as
 * PNG files to public/icons/. Run after changing the drawing:
 *
 *   node --import tsx scripts/make-icons.ts
 *
 * No image library: shapes are sampled 4×4 per pixel for anti-aliasing and encoded with node:zlib.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];

const BLUE: Rgba = [0x00, 0x57, 0xb7, 255];
const YELLOW: Rgba = [0xff, 0xd7, 0x00, 255];
const WHITE: Rgba = [0xff, 0xff, 0xff, 255];
const CLEAR: Rgba = [0, 0, 0, 0];
const SUPERSAMPLING = 4;

type Variant = {
  /** Full-bleed square (maskable, Apple) or a rounded square with transparent corners. */
  fullBleed: boolean;
  /** Scale of the rings: maskable icons keep their content inside the central 80 % circle. */
  scale: number;
};

function insideRoundedSquare(x: number, y: number, radius: number): boolean {
  const dx = Math.max(radius - x, 0, x - (1 - radius));
  const dy = Math.max(radius - y, 0, y - (1 - radius));
  return dx * dx + dy * dy <= radius * radius;
}

function inRing(x: number, y: number, cx: number, cy: number, outer: number, inner: number): boolean {
  const distance = Math.hypot(x - cx, y - cy);
  return distance <= outer && distance >= inner;
}

/** The colour at a point of the unit square. */
function colourAt(x: number, y: number, variant: Variant): Rgba {
  if (!variant.fullBleed && !insideRoundedSquare(x, y, 0.2)) return CLEAR;
  const u = (x - 0.5) / variant.scale + 0.5;
  const v = (y - 0.5) / variant.scale + 0.5;
  const left = inRing(u, v, 0.39, 0.5, 0.24, 0.165);
  const right = inRing(u, v, 0.61, 0.5, 0.24, 0.165);
  // Where the rings cross, the white one lies on top above the middle and below it underneath,
  // so they read as two links of a chain.
  if (left && right) return v < 0.5 ? WHITE : YELLOW;
  if (left) return YELLOW;
  if (right) return WHITE;
  return BLUE;
}

function render(size: number, variant: Variant): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const samples = SUPERSAMPLING * SUPERSAMPLING;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SUPERSAMPLING; sy++) {
        for (let sx = 0; sx < SUPERSAMPLING; sx++) {
          const [r, g, b, a] = colourAt((px + (sx + 0.5) / SUPERSAMPLING) / size, (py + (sy + 0.5) / SUPERSAMPLING) / size, variant);
          // Premultiplied sums, so transparent samples at the edges do not darken the colour.
          sum[0]! += (r * a) / 255;
          sum[1]! += (g * a) / 255;
          sum[2]! += (b * a) / 255;
          sum[3]! += a;
        }
      }
      const alpha = sum[3]! / samples;
      const offset = (py * size + px) * 4;
      for (let channel = 0; channel < 3; channel++) {
        pixels[offset + channel] = alpha === 0 ? 0 : Math.round((sum[channel]! / samples / alpha) * 255);
      }
      pixels[offset + 3] = Math.round(alpha);
    }
  }
  return encodePng(size, size, pixels);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** An 8-bit RGBA PNG, every row with filter type 0. */
function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const ICONS: { file: string; size: number; variant: Variant }[] = [
  { file: 'icon-192.png', size: 192, variant: { fullBleed: false, scale: 1 } },
  { file: 'icon-512.png', size: 512, variant: { fullBleed: false, scale: 1 } },
  { file: 'icon-maskable-512.png', size: 512, variant: { fullBleed: true, scale: 0.78 } },
  { file: 'apple-touch-icon.png', size: 180, variant: { fullBleed: true, scale: 0.9 } },
];

const outDir = path.resolve(import.meta.dirname, '../public/icons');
mkdirSync(outDir, { recursive: true });
for (const icon of ICONS) {
  const png = render(icon.size, icon.variant);
  writeFileSync(path.join(outDir, icon.file), png);
  console.log(`${icon.file}: ${icon.size}×${icon.size}, ${png.length} bytes`);
}
