/** A QR code as a camera would see it, for the scanner's tests: made by the delivery sheet's own QR library. */
import { encode } from 'uqr';
import type { Frame } from '../../app/features/deliveries/qr-frames';

/** The pixels of a QR code holding `text`, `scale` pixels a module, on a white margin, as a camera frame. */
export function qrFrame(text: string, scale = 4, margin = 16): Frame {
  const { data, size } = encode(text, { ecc: 'M', border: 2 });
  const width = size * scale + 2 * margin;
  const pixels = new Uint8ClampedArray(width * width * 4).fill(255);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      if (!data[y]?.[x]) continue;
      for (let dy = 0; dy < scale; dy += 1) {
        for (let dx = 0; dx < scale; dx += 1) {
          const offset = ((margin + y * scale + dy) * width + margin + x * scale + dx) * 4;
          pixels[offset] = pixels[offset + 1] = pixels[offset + 2] = 0;
        }
      }
    }
  }
  return { data: pixels, width, height: width };
}
