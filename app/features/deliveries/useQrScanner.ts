/**
 * The camera scanner behind the scan screen: the back camera into a `<video>`, a few frames a
 * second drawn to a small canvas and decoded (qr-frames.ts); the first frame holding a short code
 * is handed to `onCode`, and the camera stops.
 *
 * Guarantees: the camera is released (every track stopped) when scanning stops, when a code is
 * found, and when the screen unmounts, also if that happens while the browser is still asking for
 * permission; a camera that cannot be had is a `CameraProblem`, never a thrown error.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { cameraProblemOf, cameraUnavailability, decodeFrame, loadQrDecoder, type CameraProblem, type QrDecoder } from './qr-frames';

/** Frames decoded per second: enough to catch a sheet held still, light on a slow phone. */
export const SCAN_FRAMES_PER_SECOND = 4;
/** The long side of the frames handed to the decoder, in pixels (smaller is faster; a printed code still reads). */
const FRAME_LONG_SIDE = 640;

export type ScannerState =
  | { status: 'idle' }
  | { status: 'starting' }
  | { status: 'scanning' }
  /** A QR code was seen that is not a delivery sheet's (shown while scanning goes on). */
  | { status: 'foreign' }
  | { status: 'failed'; problem: CameraProblem };

export type QrScanner = {
  state: ScannerState;
  /** Attach to the `<video>` that shows the camera. */
  videoRef: React.RefObject<HTMLVideoElement | null>;
  start: () => void;
  stop: () => void;
};

export function useQrScanner(onCode: (code: string) => void): QrScanner {
  const [state, setState] = useState<ScannerState>({ status: 'idle' });
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const session = useRef<{ stream: MediaStream | null; timer: ReturnType<typeof setInterval> | null; cancelled: boolean } | null>(null);
  const onCodeRef = useRef(onCode);
  useEffect(() => {
    onCodeRef.current = onCode;
  }, [onCode]);

  const release = useCallback(() => {
    const current = session.current;
    session.current = null;
    if (!current) return;
    current.cancelled = true;
    if (current.timer !== null) clearInterval(current.timer);
    for (const track of current.stream?.getTracks() ?? []) track.stop();
    const video = videoRef.current;
    if (video) video.srcObject = null;
  }, []);

  const stop = useCallback(() => {
    release();
    setState({ status: 'idle' });
  }, [release]);

  const start = useCallback(() => {
    release();
    const unavailable = cameraUnavailability({ isSecureContext: window.isSecureContext, mediaDevices: navigator.mediaDevices });
    if (unavailable) {
      setState({ status: 'failed', problem: unavailable });
      return;
    }
    // Frames are read through a canvas: without one there is no point asking for the camera.
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) {
      setState({ status: 'failed', problem: 'unsupported' });
      return;
    }
    const current = { stream: null as MediaStream | null, timer: null as ReturnType<typeof setInterval> | null, cancelled: false };
    session.current = current;
    setState({ status: 'starting' });
    const run = async () => {
      let decode: QrDecoder;
      let stream: MediaStream;
      try {
        [decode, stream] = await Promise.all([loadQrDecoder(), navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })]);
      } catch (error) {
        if (!current.cancelled) {
          release();
          setState({ status: 'failed', problem: cameraProblemOf(error) });
        }
        return;
      }
      // Left the screen (or pressed stop) while the browser asked for permission.
      if (current.cancelled) {
        for (const track of stream.getTracks()) track.stop();
        return;
      }
      current.stream = stream;
      const video = videoRef.current;
      if (!video) {
        release();
        setState({ status: 'idle' });
        return;
      }
      video.srcObject = stream;
      try {
        await video.play();
      } catch (error) {
        // Autoplay of a muted inline video is allowed; a refusal here means the stream is unusable.
        if (!current.cancelled) {
          release();
          setState({ status: 'failed', problem: cameraProblemOf(error) });
        }
        return;
      }
      if (current.cancelled) return;
      setState({ status: 'scanning' });
      current.timer = setInterval(() => {
        if (current.cancelled || video.videoWidth === 0 || video.videoHeight === 0) return;
        const scale = Math.min(1, FRAME_LONG_SIDE / Math.max(video.videoWidth, video.videoHeight));
        canvas.width = Math.round(video.videoWidth * scale);
        canvas.height = Math.round(video.videoHeight * scale);
        context.drawImage(video, 0, 0, canvas.width, canvas.height);
        const result = decodeFrame(context.getImageData(0, 0, canvas.width, canvas.height), decode);
        if (result.kind === 'code') {
          release();
          setState({ status: 'idle' });
          onCodeRef.current(result.code);
        } else if (result.kind === 'foreign') {
          setState((previous) => (previous.status === 'foreign' ? previous : { status: 'foreign' }));
        }
      }, 1000 / SCAN_FRAMES_PER_SECOND);
    };
    run().catch((error: unknown) => {
      if (current.cancelled) return;
      release();
      setState({ status: 'failed', problem: cameraProblemOf(error) });
    });
  }, [release]);

  // The camera never outlives the screen.
  useEffect(() => release, [release]);

  return { state, videoRef, start, stop };
}
