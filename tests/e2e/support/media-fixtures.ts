/**
 * Media for browser tests, made on the fly (no binary files in the repository):
 * - a large camera-like JPEG carrying EXIF with a GPS position, to prove the phone shrinks photos
 *   and strips their metadata before they leave it;
 * - a Y4M video whose frames show a QR code, fed to Chromium's fake camera
 *   (`--use-file-for-fake-video-capture`), to prove the scanner reads a delivery sheet.
 */
import { writeFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { encode } from 'uqr';

/** A marker in the EXIF block: if it survives compression, the metadata was not stripped. */
export const EXIF_MARKER = 'C4C-GPS-SECRET-50.4501N';

/**
 * An EXIF APP1 segment (little-endian TIFF): IFD0 with an ImageDescription holding the marker and a
 * pointer to a GPS IFD with latitude 50° 27' N, as a phone camera writes them.
 */
function exifSegment(): Buffer {
  const description = Buffer.from(`${EXIF_MARKER}\0`, 'ascii');
  const ifd0Entries = 2;
  const ifd0Size = 2 + ifd0Entries * 12 + 4;
  const gpsOffset = 8 + ifd0Size;
  const gpsEntries = 2;
  const gpsSize = 2 + gpsEntries * 12 + 4;
  const latitudeOffset = gpsOffset + gpsSize;
  const descriptionOffset = latitudeOffset + 24;
  const tiff = Buffer.alloc(descriptionOffset + description.length);
  tiff.write('II', 0, 'ascii');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  let at = 8;
  const entry = (tag: number, type: number, count: number, value: number | Buffer) => {
    tiff.writeUInt16LE(tag, at);
    tiff.writeUInt16LE(type, at + 2);
    tiff.writeUInt32LE(count, at + 4);
    if (typeof value === 'number') tiff.writeUInt32LE(value, at + 8);
    else value.copy(tiff, at + 8);
    at += 12;
  };
  tiff.writeUInt16LE(ifd0Entries, at);
  at += 2;
  entry(0x010e, 2, description.length, descriptionOffset); // ImageDescription
  entry(0x8825, 4, 1, gpsOffset); // GPSInfo
  tiff.writeUInt32LE(0, at);
  at = gpsOffset;
  tiff.writeUInt16LE(gpsEntries, at);
  at += 2;
  entry(0x0001, 2, 2, Buffer.from('N\0\0\0', 'ascii')); // GPSLatitudeRef
  entry(0x0002, 5, 3, latitudeOffset); // GPSLatitude
  tiff.writeUInt32LE(0, at);
  [50, 1, 27, 1, 0, 1].forEach((value, index) => tiff.writeUInt32LE(value, latitudeOffset + index * 4));
  description.copy(tiff, descriptionOffset);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'binary'), tiff]);
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xffe1, 0);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

/**
 * A 4000×3000 JPEG at high quality with noisy detail (several MB, like a phone camera's), drawn by
 * the page's canvas, with the EXIF segment inserted after the start-of-image marker.
 */
export async function cameraPhoto(page: Page, width = 4000, height = 3000): Promise<Buffer> {
  const base64 = await page.evaluate(
    async ([w, h]) => {
      const canvas = new OffscreenCanvas(w, h);
      const context = canvas.getContext('2d')!;
      const gradient = context.createLinearGradient(0, 0, w, h);
      gradient.addColorStop(0, '#3a6ea5');
      gradient.addColorStop(1, '#f2c14e');
      context.fillStyle = gradient;
      context.fillRect(0, 0, w, h);
      const image = context.getImageData(0, 0, w, h);
      let seed = 7;
      for (let index = 0; index < image.data.length; index += 4) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        const noise = (seed % 64) - 32;
        image.data[index] = Math.max(0, Math.min(255, image.data[index]! + noise));
        image.data[index + 1] = Math.max(0, Math.min(255, image.data[index + 1]! + noise));
      }
      context.putImageData(image, 0, 0);
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 });
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let binary = '';
      for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
      return btoa(binary);
    },
    [width, height] as const,
  );
  const jpeg = Buffer.from(base64, 'base64');
  return Buffer.concat([jpeg.subarray(0, 2), exifSegment(), jpeg.subarray(2)]);
}

/** Writes a Y4M clip (a few identical frames, 640×480, 4:2:0) showing `text` as a QR code. */
export async function qrVideo(path: string, text: string): Promise<void> {
  const { data: modules, size } = encode(text, { border: 4 });
  const [width, height] = [640, 480];
  const scale = Math.floor(Math.min(width, height) / size);
  const [left, top] = [Math.floor((width - size * scale) / 2), Math.floor((height - size * scale) / 2)];
  const luma = Buffer.alloc(width * height, 235);
  for (let y = 0; y < size * scale; y++) {
    for (let x = 0; x < size * scale; x++) {
      if (modules[Math.floor(y / scale)]![Math.floor(x / scale)]) luma[(top + y) * width + left + x] = 16;
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n', 'ascii'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F5:1 Ip A1:1 C420jpeg\n`, 'ascii');
  await writeFile(path, Buffer.concat([header, frame, frame, frame, frame, frame]));
}
