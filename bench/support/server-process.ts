/**
 * The sync server in a process of its own, for benchmarks that load it with many clients: the
 * clients' work and memory stay out of the server's numbers. Started by `startServerProcess`
 * (fork); it answers `{ type: 'memory' }` with its memory after a full GC and its stream count,
 * and `{ type: 'load' }` with the CPU time it used and how late its event loop ran since the
 * last `{ type: 'load' }` (or its start).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../sync-server/config';
import { createLogger } from '../../sync-server/logger';
import { startServer } from '../../sync-server/start';

export type ServerMemory = { rss: number; heapUsed: number; streams: number };
/** The server process's CPU seconds (user + system) and event-loop delay over a stretch of time. */
export type ServerLoad = { cpuSeconds: number; eventLoopDelayP99Ms: number; eventLoopDelayMaxMs: number };
export type ServerProcess = { url: string; memory(): Promise<ServerMemory>; load(): Promise<ServerLoad>; stop(): Promise<void> };

type Reply = { type: 'ready'; url: string } | ({ type: 'memory' } & ServerMemory) | ({ type: 'load' } & ServerLoad) | { type: 'error'; message: string };

/** Forks this module with `env` as the server's environment; resolves once it listens. */
export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [], { env: { ...process.env, ...env, C4C_SERVER_PROCESS: '1' }, execArgv: ['--import', 'tsx', '--expose-gc'] });
  const next = (type: Reply['type']) =>
    new Promise<Reply>((resolve, reject) => {
      const onMessage = (message: Reply) => {
        if (message.type === 'error') reject(new Error(message.message));
        else if (message.type === type) resolve(message);
        else return;
        child.off('message', onMessage);
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`the server process exited with ${code}`)));
    });
  return next('ready').then((ready) => ({
    url: (ready as { url: string }).url,
    async memory() {
      const reply = next('memory');
      child.send({ type: 'memory' });
      const { rss, heapUsed, streams } = (await reply) as ServerMemory;
      return { rss, heapUsed, streams };
    },
    async load() {
      const reply = next('load');
      child.send({ type: 'load' });
      const { cpuSeconds, eventLoopDelayP99Ms, eventLoopDelayMaxMs } = (await reply) as ServerLoad;
      return { cpuSeconds, eventLoopDelayP99Ms, eventLoopDelayMaxMs };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  }));
}

if (process.env.C4C_SERVER_PROCESS === '1' && process.send) {
  const send = (message: Reply) => process.send!(message);
  startServer(loadConfig(), createLogger('silent')).then(
    (running) => {
      const delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
      let cpuSince = process.cpuUsage();
      process.on('message', (message: { type?: string }) => {
        if (message.type === 'load') {
          const cpu = process.cpuUsage(cpuSince);
          const ms = (ns: number) => Math.round(ns / 1e6);
          send({ type: 'load', cpuSeconds: (cpu.user + cpu.system) / 1e6, eventLoopDelayP99Ms: ms(delay.percentile(99)), eventLoopDelayMaxMs: ms(delay.max) });
          cpuSince = process.cpuUsage();
          delay.reset();
          return;
        }
        if (message.type !== 'memory') return;
        (globalThis as { gc?: () => void }).gc?.();
        const { rss, heapUsed } = process.memoryUsage();
        send({ type: 'memory', rss, heapUsed, streams: running.hub.subscriberCount });
      });
      process.on('SIGTERM', () => void running.stop().then(() => process.exit(0)));
      send({ type: 'ready', url: running.url });
    },
    (error: unknown) => send({ type: 'error', message: (error as Error).message }),
  );
}
