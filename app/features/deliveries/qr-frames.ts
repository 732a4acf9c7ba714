/**
 * Reading delivery-sheet QR codes from camera frames. The decoder (jsQR) is loaded on demand, the
 * first time the camera starts, so it is not part of the first-load bundle; `decodeFrame` is a pure
 * wrapper around it, testable with any decoder.
 */
import { normalizeShortCode } from '../../../domain/rules/short-code';

/** A frame's pixels (an `ImageData` or anything shaped like one). */
export type Frame = { data: Uint8ClampedArray; width: number; height: number };

/** A QR decoder: the text a frame's code holds, or null when no code is seen. */
export type QrDecoder = (frame: Frame) => string | null;

/** What a frame showed: no code, one of our short codes, or a QR code of something else. */
export type FrameResult = { kind: 'none' } | { kind: 'code'; code: string } | { kind: 'foreign'; text: string };

/** Decodes one frame and reads a short code (bare, or a `/p/<code>` link) from what it holds. */
export function decodeFrame(frame: Frame, decode: QrDecoder): FrameResult {
  const text = decode(frame);
  if (text === null || text === '') return { kind: 'none' };
  const code = normalizeShortCode(text);
  return code ? { kind: 'code', code } : { kind: 'foreign', text };
}

/** jsQR as a `QrDecoder`, loaded on first use. */
export async function loadQrDecoder(): Promise<QrDecoder> {
  const { default: jsQR } = await import('jsqr');
  // Delivery sheets are printed dark on light: trying inverted frames too would halve the frame rate.
  return (frame) => jsQR(frame.data, frame.width, frame.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
}

/** Why the camera cannot scan, in the words the screen translates. */
export type CameraProblem = 'insecure' | 'unsupported' | 'denied' | 'no-camera' | 'busy' | 'failed';

/** The problem behind a failed `getUserMedia` (DOMException names from the Media Capture spec). */
export function cameraProblemOf(error: unknown): CameraProblem {
  const name = typeof error === 'object' && error !== null && 'name' in error ? error.name : undefined;
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
      return 'denied';
    case 'SecurityError':
      return 'insecure';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'no-camera';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'busy';
    default:
      return 'failed';
  }
}

/** Why this browser cannot even ask for the camera, or null when it can. */
export function cameraUnavailability(context: { isSecureContext: boolean; mediaDevices: unknown }): CameraProblem | null {
  if (!context.isSecureContext) return 'insecure';
  const devices = context.mediaDevices as { getUserMedia?: unknown } | undefined;
  return typeof devices?.getUserMedia === 'function' ? null : 'unsupported';
}
