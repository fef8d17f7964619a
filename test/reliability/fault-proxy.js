/**
 * A fault-injecting HTTP proxy between the operator and the Cognito emulator, run in a worker
 * thread so that its timing does not depend on the test's own event loop. Plain JavaScript: a
 * worker loads its file with Node itself, outside jest's TypeScript transform.
 *
 * workerData: { target: 'http://127.0.0.1:PORT', seed: number, rate: number (0..1), only?: fault[] }
 * Posts { port } once listening; answers a 'stats' message with { injected, calls }; a
 * { rate, only } message changes what is injected from then on.
 *
 * Faults, each picked by a seeded generator so a run can be repeated:
 * - throttle:  400 TooManyRequestsException, not forwarded
 * - error500:  500 InternalErrorException, not forwarded
 * - delay:     forwarded after 3-8 s
 * - drop:      the connection is closed, not forwarded
 * - ambiguous: a create is forwarded, then the connection is closed before the answer
 */
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');

const target = new URL(workerData.target);
let rate = Number(workerData.rate);
/** When set, only these faults are injected (a test that wants throttling alone). */
let only = Array.isArray(workerData.only) ? workerData.only : undefined;

/** mulberry32: small, seeded, good enough to spread faults. */
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = generator(Number(workerData.seed));

const injected = { throttle: 0, error500: 0, delay: 0, drop: 0, ambiguous: 0 };
let calls = 0;

/** `AWSCognitoIdentityProviderService.CreateUserPool` → `CreateUserPool`. */
function operationOf(req) {
  const header = req.headers['x-amz-target'];
  const value = Array.isArray(header) ? header[0] : header;
  return typeof value === 'string' ? value.slice(value.lastIndexOf('.') + 1) : 'Unknown';
}

function isCreate(operation) {
  return operation.startsWith('Create') || operation.startsWith('Add');
}

function pickFault(operation) {
  if (random() >= rate) return undefined;
  const all = isCreate(operation) ? ['throttle', 'error500', 'delay', 'drop', 'ambiguous'] : ['throttle', 'error500', 'delay', 'drop'];
  const kinds = only === undefined ? all : all.filter((k) => only.includes(k));
  if (kinds.length === 0) return undefined;
  return kinds[Math.floor(random() * kinds.length)];
}

function answerError(res, status, type, message) {
  const body = JSON.stringify({ __type: type, message });
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** Sends the request on to the emulator; calls back with its answer, or with undefined on failure. */
function forward(req, body, onAnswer) {
  const upstream = http.request(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
    (answer) => {
      const chunks = [];
      answer.on('data', (c) => chunks.push(c));
      answer.on('end', () => onAnswer({ status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(chunks) }));
    },
  );
  upstream.on('error', () => onAnswer(undefined));
  upstream.end(body);
}

function relay(res, answer) {
  if (answer === undefined) {
    res.socket?.destroy();
    return;
  }
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    calls += 1;
    const body = Buffer.concat(chunks);
    const operation = operationOf(req);
    const fault = pickFault(operation);
    if (fault !== undefined) injected[fault] += 1;
    switch (fault) {
      case 'throttle':
        return answerError(res, 400, 'TooManyRequestsException', 'Rate exceeded (injected)');
      case 'error500':
        return answerError(res, 500, 'InternalErrorException', 'Internal error (injected)');
      case 'drop':
        return req.socket.destroy();
      case 'delay':
        return setTimeout(() => forward(req, body, (answer) => relay(res, answer)), 3000 + Math.floor(random() * 5000));
      case 'ambiguous':
        // The create reaches the emulator; its answer never reaches the operator.
        return forward(req, body, () => req.socket.destroy());
      default:
        return forward(req, body, (answer) => relay(res, answer));
    }
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  parentPort.postMessage({ port: typeof address === 'object' && address !== null ? address.port : 0 });
});

parentPort.on('message', (message) => {
  if (typeof message === 'object' && message !== null && typeof message.rate === 'number') {
    rate = message.rate;
    only = Array.isArray(message.only) ? message.only : undefined;
  }
  if (message === 'stats') parentPort.postMessage({ injected: { ...injected }, calls });
  if (message === 'close') {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});
