/**
 * One fuzz request on the wire and the checks every answer must pass. Requests go through
 * `node:http` (not fetch) so any method, header and body bytes can be sent as generated; each has a
 * deadline, and a request that does not answer within it is reported as a hang, never waited on.
 *
 * Guarantees of `checkAnswer`: a 5xx, a hang, a connection dropped by the server, a 2xx where the
 * oracle said "refused", a 4xx where it said "ok", and an error answer that is not
 * `application/json` with exactly `{ error: { code, message, details? } }` are each reported as a
 * finding (never thrown), so one run lists everything it found.
 */
import http from 'node:http';

/** What the oracle (fuzz-cases.ts) decided from the schemas and rules: a 2xx, a 4xx, or either. */
export type Expectation = 'ok' | 'refused' | 'either';

/** How a successful answer must look, besides its status. */
export type SuccessShape = 'json' | 'event-stream' | 'bytes' | 'empty' | 'allow' | 'html' | 'any';

export type WireRequest = { method: string; path: string; headers: Record<string, string>; body?: Buffer };

export type WireAnswer = {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** True when the body was cut short on purpose (a live stream is read up to its first bytes). */
  truncated: boolean;
};

export type Outcome = { kind: 'answer'; answer: WireAnswer } | { kind: 'hang'; afterMs: number } | { kind: 'dropped'; message: string };

/** Header values as Node sends them: its client refuses bytes outside latin-1 and control characters. */
export function headerSafe(value: string): string {
  const latin1 = Buffer.from(value, 'utf8').toString('latin1');
  return [...latin1].filter((char) => char === '\t' || (char >= ' ' && char !== '\u007f')).join('');
}

/**
 * Sends one request and reads its answer. A `text/event-stream` answer is read up to its first
 * chunk and then closed (a live stream never ends by itself).
 */
export function send(baseUrl: string, request: WireRequest, timeoutMs: number): Promise<Outcome> {
  const url = new URL(baseUrl);
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) headers[name] = headerSafe(value);
    if (request.body !== undefined && headers['content-length'] === undefined) headers['content-length'] = String(request.body.length);
    const req = http.request({ host: url.hostname, port: url.port, method: request.method, path: request.path, headers, agent: false });
    const timer = setTimeout(() => {
      settle({ kind: 'hang', afterMs: timeoutMs });
      req.destroy();
    }, timeoutMs);
    req.on('error', (error) => settle({ kind: 'dropped', message: error.message }));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      const streaming = String(res.headers['content-type'] ?? '').startsWith('text/event-stream');
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        if (streaming) {
          settle({ kind: 'answer', answer: { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), truncated: true } });
          req.destroy();
        }
      });
      res.on('end', () => settle({ kind: 'answer', answer: { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), truncated: false } }));
      res.on('error', (error) => settle({ kind: 'dropped', message: `answer cut: ${error.message}` }));
    });
    req.end(request.body);
  });
}

/** Parsed JSON of an answer, or undefined when it is not JSON. */
export function jsonOf(answer: WireAnswer): unknown {
  try {
    return JSON.parse(answer.body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function isJsonType(answer: WireAnswer): boolean {
  return /^application\/json(;|$)/i.test(String(answer.headers['content-type'] ?? ''));
}

/** Why an error answer's body is not `{ error: { code, message, details? } }` (null when it is). */
export function errorShapeProblem(answer: WireAnswer): string | null {
  if (!isJsonType(answer)) return `error answer with content type "${String(answer.headers['content-type'])}": ${answer.body.toString('utf8').slice(0, 120)}`;
  const body = jsonOf(answer);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return `error answer is not a JSON object: ${answer.body.toString('utf8').slice(0, 120)}`;
  const keys = Object.keys(body);
  if (keys.length !== 1 || keys[0] !== 'error') return `error answer has keys ${JSON.stringify(keys)}`;
  const error = (body as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return 'error is not an object';
  const { code, message, ...rest } = error as Record<string, unknown>;
  if (typeof code !== 'string' || !/^[a-z][a-z-]*$/.test(code)) return `error.code is ${JSON.stringify(code)}`;
  if (typeof message !== 'string' || message === '') return `error.message is ${JSON.stringify(message)}`;
  const extra = Object.keys(rest).filter((key) => key !== 'details');
  if (extra.length > 0) return `error has extra keys ${JSON.stringify(extra)}`;
  return null;
}

function successShapeProblem(answer: WireAnswer, shape: SuccessShape): string | null {
  const type = String(answer.headers['content-type'] ?? '');
  switch (shape) {
    case 'json':
      return isJsonType(answer) && jsonOf(answer) !== undefined ? null : `2xx answer is not JSON (${type})`;
    case 'event-stream':
      return type.startsWith('text/event-stream') ? null : `the live stream answered ${type}`;
    case 'empty':
      return answer.body.length === 0 ? null : `expected no body, got ${answer.body.length} bytes`;
    case 'allow':
      return answer.headers.allow !== undefined ? null : 'OPTIONS answer without an Allow header';
    case 'html':
      return type.startsWith('text/html') || type.startsWith('text/javascript') || isJsonType(answer) ? null : `static answer of type ${type}`;
    case 'bytes':
    case 'any':
      return null;
  }
}

/**
 * Every problem with one outcome, given what the oracle expected; an empty list when it is clean.
 * `extra` runs on a 2xx JSON answer for route-specific checks (e.g. a push refuses each invalid row).
 */
export function checkAnswer(outcome: Outcome, expected: Expectation, shape: SuccessShape, extra?: (body: unknown) => string | null, method = 'GET'): string[] {
  if (outcome.kind === 'hang') return [`no answer within ${outcome.afterMs} ms`];
  if (outcome.kind === 'dropped') return [`connection dropped: ${outcome.message}`];
  const { answer } = outcome;
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`server error ${answer.status}: ${answer.body.toString('utf8').slice(0, 200)}`);
  else if (answer.status >= 400) {
    if (expected === 'ok') problems.push(`refused a valid request with ${answer.status}: ${answer.body.toString('utf8').slice(0, 300)}`);
    // A HEAD answer has no body by definition: its headers must still say JSON.
    const shapeProblem = method === 'HEAD' ? (isJsonType(answer) ? null : `HEAD error answer of type ${String(answer.headers['content-type'])}`) : errorShapeProblem(answer);
    if (shapeProblem) problems.push(shapeProblem);
  } else if (answer.status >= 200 && answer.status < 300) {
    if (expected === 'refused') problems.push(`accepted an invalid request with ${answer.status}: ${answer.body.toString('utf8').slice(0, 300)}`);
    const shapeProblem = method === 'HEAD' ? null : successShapeProblem(answer, shape);
    if (shapeProblem) problems.push(shapeProblem);
    if (problems.length === 0 && extra && shape === 'json') {
      const extraProblem = extra(jsonOf(answer));
      if (extraProblem) problems.push(extraProblem);
    }
  } else if (answer.status !== 304) problems.push(`unexpected status ${answer.status}`);
  return problems;
}
