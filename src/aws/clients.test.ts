/**
 * The middleware is tested on real SDK clients talking to a loopback HTTP server that answers
 * like Cognito's JSON protocol: aws-sdk-client-mock replaces `send`, so middleware would not run
 * under it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DescribeIdentityPoolCommand } from '@aws-sdk/client-cognito-identity';
import {
  AddCustomAttributesCommand,
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListUserPoolsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  AWS_CLIENT_DEFAULTS,
  createAwsClients,
  isSendOnce,
  operationName,
  resolveAwsClientsOptions,
  type AwsCall,
  type AwsClientsOptions,
  type ManagedAwsClients,
  type SdkClientSettings,
} from './clients';
import { awsErrorMessage, classifyAwsError } from './errors';
import { OperationRateLimiter, type AwsService, type RateLimiter, type RateScope } from './rate-limit';

const REGION = 'eu-west-1';
const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };

interface Reply {
  status: number;
  body: unknown;
}
interface SeenRequest {
  target: string;
  body: unknown;
  signed: boolean;
}

/** A loopback server answering each request with the next queued reply (or the fallback). */
class FakeCognito {
  readonly requests: SeenRequest[] = [];
  private readonly replies: Reply[] = [];
  private fallback: Reply = { status: 200, body: {} };
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  reply(...replies: Reply[]): void {
    this.replies.push(...replies);
  }

  replyAlways(reply: Reply): void {
    this.fallback = reply;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    this.requests.push({
      target: String(req.headers['x-amz-target']),
      body: text === '' ? undefined : JSON.parse(text),
      signed: typeof req.headers.authorization === 'string',
    });
    const { status, body } = this.replies.shift() ?? this.fallback;
    res.writeHead(status, { 'content-type': JSON_CONTENT_TYPE });
    res.end(JSON.stringify(body));
  }
}

const awsError = (code: string, message: string, status = 400): Reply => ({ status, body: { __type: code, message } });
const ok = (body: unknown): Reply => ({ status: 200, body });

/**
 * The standard strategy's decisions (retry throttling, transient and server errors, up to
 * maxAttempts) without its sleeps: retries go out at once.
 */
function immediateRetries(maxAttempts: number): SdkClientSettings['retryStrategy'] {
  const token = (count: number) => ({ getRetryCount: () => count, getRetryDelay: () => 0 });
  const retryable = new Set(['THROTTLING', 'TRANSIENT', 'SERVER_ERROR']);
  return {
    mode: 'standard',
    acquireInitialRetryToken: async () => token(0),
    refreshRetryTokenForRetry: async (previous: { getRetryCount(): number }, info: { errorType: string }) => {
      const next = previous.getRetryCount() + 1;
      if (next >= maxAttempts || !retryable.has(info.errorType)) throw new Error('no retry');
      return token(next);
    },
    recordSuccess: () => undefined,
  };
}

/** Records every take and lets each through at once. */
class RecordingLimiter implements RateLimiter {
  readonly takes: { service: AwsService; operation: string; scope: RateScope | undefined }[] = [];
  async take(service: AwsService, operation: string, scope?: RateScope): Promise<void> {
    this.takes.push({ service, operation, scope });
  }
}

/** A clock that advances 100 ms per reading, so durations are exact (a token wait reads it twice). */
function steppingClock(): () => number {
  let t = 0;
  return () => (t += 100);
}

describe('createAwsClients against a loopback Cognito', () => {
  const cognito = new FakeCognito();
  let endpoint = '';
  let clients: ManagedAwsClients | undefined;

  beforeAll(async () => {
    endpoint = await cognito.start();
  });
  afterAll(async () => {
    await cognito.stop();
  });
  afterEach(() => {
    clients?.destroy();
    cognito.requests.length = 0;
    cognito.replyAlways({ status: 200, body: {} });
  });

  function make(overrides: Partial<AwsClientsOptions> = {}): { calls: AwsCall[]; limiter: RecordingLimiter } {
    const calls: AwsCall[] = [];
    const limiter = new RecordingLimiter();
    clients = createAwsClients({
      defaultRegion: REGION,
      rateLimiter: limiter,
      onCall: (call) => calls.push(call),
      now: steppingClock(),
      sdk: { endpoint, credentials, retryStrategy: immediateRetries(3) },
      ...overrides,
    });
    return { calls, limiter };
  }

  function aws(): ManagedAwsClients {
    if (clients === undefined) throw new Error('call make() first');
    return clients;
  }

  it('reports a successful call with its operation, region and duration', async () => {
    const { calls } = make();
    cognito.reply(ok({ UserPool: { Id: 'eu-west-1_abc', Name: 'shop' } }));
    const out = await aws().identityProvider(REGION).send(new DescribeUserPoolCommand({ UserPoolId: 'eu-west-1_abc' }));
    expect(out.UserPool?.Name).toBe('shop');
    expect(calls).toEqual([
      { service: 'cognito-idp', account: 'operator', operation: 'DescribeUserPool', region: REGION, outcome: 'success', durationMs: 300, rateLimitWaitMs: 100 },
    ]);
    expect(cognito.requests).toEqual([
      { target: 'AWSCognitoIdentityProviderService.DescribeUserPool', body: { UserPoolId: 'eu-west-1_abc' }, signed: true },
    ]);
  });

  it('asks the rate limiter with the Region and the user pool of the request', async () => {
    const { limiter } = make();
    await aws().identityProvider('us-east-1').send(new DescribeUserPoolClientCommand({ UserPoolId: 'us-east-1_p', ClientId: 'c' }));
    await aws().identityProvider('us-east-1').send(new ListUserPoolsCommand({ MaxResults: 10 }));
    expect(limiter.takes).toEqual([
      { service: 'cognito-idp', operation: 'DescribeUserPoolClient', scope: { account: 'operator', region: 'us-east-1', userPoolId: 'us-east-1_p' } },
      { service: 'cognito-idp', operation: 'ListUserPools', scope: { account: 'operator', region: 'us-east-1', userPoolId: undefined } },
    ]);
  });

  it('sends nothing until the rate limiter lets the call through', async () => {
    let release: () => void = () => undefined;
    let asked: () => void = () => undefined;
    const wasAsked = new Promise<void>((resolve) => (asked = resolve));
    const gate: RateLimiter = {
      take: () =>
        new Promise<void>((resolve) => {
          release = resolve;
          asked();
        }),
    };
    make({ rateLimiter: gate });
    const pending = aws().identityProvider(REGION).send(new ListUserPoolsCommand({ MaxResults: 1 }));
    await wasAsked;
    expect(cognito.requests).toHaveLength(0);
    release();
    await pending;
    expect(cognito.requests).toHaveLength(1);
  });

  it('reports a failed call with the error code and rethrows the SDK error', async () => {
    const { calls } = make();
    cognito.reply(awsError('ResourceNotFoundException', 'User pool eu-west-1_gone does not exist.'));
    const send = aws().identityProvider(REGION).send(new DescribeUserPoolCommand({ UserPoolId: 'eu-west-1_gone' }));
    await expect(send).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(send).rejects.toThrow('does not exist');
    expect(calls).toEqual([
      {
        service: 'cognito-idp',
        account: 'operator',
        operation: 'DescribeUserPool',
        region: REGION,
        outcome: 'error',
        errorCode: 'ResourceNotFoundException',
        durationMs: 300,
        rateLimitWaitMs: 100,
      },
    ]);
  });

  it('lets the SDK retry a throttled call, spending a rate-limit token per attempt, and reports it once', async () => {
    const { calls, limiter } = make();
    cognito.reply(awsError('TooManyRequestsException', 'Rate exceeded'), ok({ UserPools: [] }));
    await aws().identityProvider(REGION).send(new ListUserPoolsCommand({ MaxResults: 60 }));
    expect(cognito.requests).toHaveLength(2);
    expect(limiter.takes.map((t) => t.operation)).toEqual(['ListUserPools', 'ListUserPools']);
    expect(calls.map((c) => c.outcome)).toEqual(['success']);
    // The clock reads 100 ms later each time: each attempt's token wait counts, once per attempt.
    expect(calls.map((c) => [c.durationMs, c.rateLimitWaitMs])).toEqual([[500, 200]]);
  });

  it('surfaces throttling once the attempts are spent, classified for the reconciler', async () => {
    const { calls } = make();
    cognito.replyAlways(awsError('TooManyRequestsException', 'Rate exceeded'));
    const err: unknown = await aws()
      .identityProvider(REGION)
      .send(new ListUserPoolsCommand({ MaxResults: 60 }))
      .catch((e: unknown) => e);
    expect(cognito.requests).toHaveLength(3);
    expect(classifyAwsError(err)).toBe('throttled');
    expect(calls).toEqual([expect.objectContaining({ outcome: 'error', errorCode: 'TooManyRequestsException' })]);
  });

  it.each([
    { name: 'CreateUserPool after a 500', send: (c: CognitoIdentityProviderClient) => c.send(new CreateUserPoolCommand({ PoolName: 'shop' })), reply: awsError('InternalErrorException', 'boom', 500), errorClass: 'transient' },
    { name: 'CreateUserPoolClient when throttled', send: (c: CognitoIdentityProviderClient) => c.send(new CreateUserPoolClientCommand({ UserPoolId: 'p', ClientName: 'web' })), reply: awsError('TooManyRequestsException', 'Rate exceeded'), errorClass: 'throttled' },
    { name: 'AddCustomAttributes after a 500', send: (c: CognitoIdentityProviderClient) => c.send(new AddCustomAttributesCommand({ UserPoolId: 'p', CustomAttributes: [] })), reply: awsError('InternalErrorException', 'boom', 500), errorClass: 'transient' },
  ])('sends $name once and hands the original error to the reconciler', async ({ send, reply, errorClass }) => {
    const { calls } = make();
    cognito.replyAlways(reply);
    const err: unknown = await send(aws().identityProvider(REGION)).catch((e: unknown) => e);
    expect(cognito.requests).toHaveLength(1);
    expect(classifyAwsError(err)).toBe(errorClass);
    expect(calls).toEqual([expect.objectContaining({ outcome: 'error', errorCode: expect.stringMatching(/InternalErrorException|TooManyRequestsException/) })]);
  });

  it('still returns a created resource sent once', async () => {
    make();
    cognito.reply(ok({ UserPool: { Id: 'eu-west-1_new' } }));
    const out = await aws().identityProvider(REGION).send(new CreateUserPoolCommand({ PoolName: 'shop' }));
    expect(out.UserPool?.Id).toBe('eu-west-1_new');
  });

  it.each([
    ['CreateUserPool', true],
    ['CreateIdentityPool', true],
    ['AddCustomAttributes', true],
    ['DescribeUserPool', false],
    ['UpdateUserPoolClient', false],
    ['DeleteUserPool', false],
  ])('%s is send-once: %s', (operation, sendOnce) => {
    expect(isSendOnce(operation)).toBe(sendOnce);
  });

  it('makes a permission error name the IAM action it needed', async () => {
    make();
    cognito.reply(awsError('AccessDeniedException', 'Access denied'));
    const err: unknown = await aws()
      .identityProvider(REGION)
      .send(new DescribeUserPoolCommand({ UserPoolId: 'eu-west-1_abc' }))
      .catch((e: unknown) => e);
    expect(classifyAwsError(err)).toBe('credentials');
    expect(awsErrorMessage(err)).toBe('AccessDeniedException: Access denied (IAM action cognito-idp:DescribeUserPool)');
  });

  it('instruments the cognito-identity client the same way', async () => {
    const { calls, limiter } = make();
    cognito.reply(ok({ IdentityPoolId: 'eu-west-1:1', IdentityPoolName: 'shop', AllowUnauthenticatedIdentities: false }));
    const out = await aws().identity(REGION).send(new DescribeIdentityPoolCommand({ IdentityPoolId: 'eu-west-1:1' }));
    expect(out.IdentityPoolName).toBe('shop');
    expect(cognito.requests[0]?.target).toBe('AWSCognitoIdentityService.DescribeIdentityPool');
    expect(limiter.takes).toEqual([
      { service: 'cognito-identity', operation: 'DescribeIdentityPool', scope: { account: 'operator', region: REGION, userPoolId: undefined } },
    ]);
    expect(calls).toEqual([
      { service: 'cognito-identity', account: 'operator', operation: 'DescribeIdentityPool', region: REGION, outcome: 'success', durationMs: 300, rateLimitWaitMs: 100 },
    ]);
  });

  it('reports a network failure with its system error code', async () => {
    // A handler that fails like a refused socket. (A real refused connect would do, but under
    // jest Node's error comes from another realm and the SDK re-wraps it, losing its code.)
    const refused: SdkClientSettings['requestHandler'] = {
      handle: async () => {
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
      },
      updateHttpClientConfig: () => undefined,
      httpHandlerConfigs: () => ({}),
    };
    const { calls, limiter } = make({ sdk: { credentials, endpoint, requestHandler: refused, retryStrategy: immediateRetries(2) } });
    const err: unknown = await aws()
      .identityProvider(REGION)
      .send(new ListUserPoolsCommand({ MaxResults: 1 }))
      .catch((e: unknown) => e);
    expect(classifyAwsError(err)).toBe('transient');
    expect(limiter.takes).toHaveLength(2);
    expect(calls).toEqual([expect.objectContaining({ outcome: 'error', errorCode: 'ECONNREFUSED' })]);
  });

  it('keeps an AWS call working when the onCall observer throws', async () => {
    make({
      onCall: () => {
        throw new Error('metrics broke');
      },
    });
    cognito.reply(ok({ UserPools: [] }));
    await expect(aws().identityProvider(REGION).send(new ListUserPoolsCommand({ MaxResults: 1 }))).resolves.toBeDefined();
  });
});

describe('client cache', () => {
  const options = { defaultRegion: REGION, sdk: { credentials } };

  it('hands out one client per service and region', async () => {
    const aws = createAwsClients(options);
    const idp = aws.identityProvider('us-east-1');
    expect(aws.identityProvider('us-east-1')).toBe(idp);
    expect(aws.identityProvider('eu-central-1')).not.toBe(idp);
    expect(aws.identity('us-east-1')).toBe(aws.identity('us-east-1'));
    await expect(idp.config.region()).resolves.toBe('us-east-1');
    aws.destroy();
  });

  it('uses the default region for an empty one', async () => {
    const aws = createAwsClients(options);
    expect(aws.defaultRegion).toBe(REGION);
    expect(aws.identityProvider('')).toBe(aws.identityProvider(REGION));
    await expect(aws.identity(' ').config.region()).resolves.toBe(REGION);
    aws.destroy();
  });

  it('gives the SDK the attempt count', async () => {
    const aws = createAwsClients({ ...options, maxAttempts: 5 });
    await expect(aws.identityProvider(REGION).config.maxAttempts()).resolves.toBe(5);
    aws.destroy();
  });

  it('starts afresh after destroy', () => {
    const aws = createAwsClients(options);
    const before = aws.identityProvider(REGION);
    aws.destroy();
    expect(aws.identityProvider(REGION)).not.toBe(before);
    aws.destroy();
  });
});

describe('resolveAwsClientsOptions', () => {
  it('fills in the defaults', () => {
    const resolved = resolveAwsClientsOptions({ defaultRegion: ' eu-west-1 ' });
    expect(resolved.defaultRegion).toBe('eu-west-1');
    expect(resolved.maxAttempts).toBe(AWS_CLIENT_DEFAULTS.maxAttempts);
    expect(resolved.rateLimiter).toBeInstanceOf(OperationRateLimiter);
    expect(resolved.sdk).toEqual({});
    const call: AwsCall = { service: 'cognito-idp', account: 'operator', operation: 'X', region: REGION, outcome: 'success', durationMs: 1, rateLimitWaitMs: 0 };
    expect(() => resolved.onCall(call)).not.toThrow();
  });

  it.each([
    { name: 'an empty region', options: { defaultRegion: '' }, want: /AWS_REGION/ },
    { name: 'zero attempts', options: { defaultRegion: REGION, maxAttempts: 0 }, want: /maxAttempts/ },
    { name: 'fractional attempts', options: { defaultRegion: REGION, maxAttempts: 1.5 }, want: /maxAttempts/ },
  ])('rejects $name', ({ options, want }) => {
    expect(() => resolveAwsClientsOptions(options)).toThrow(want);
  });
});

describe('operationName', () => {
  it.each([
    { commandName: 'DescribeUserPoolCommand', want: 'DescribeUserPool' },
    { commandName: 'SetIdentityPoolRolesCommand', want: 'SetIdentityPoolRoles' },
    { commandName: 'Command', want: 'Unknown' },
    { commandName: 'Odd', want: 'Odd' },
    { commandName: undefined, want: 'Unknown' },
    { commandName: '', want: 'Unknown' },
  ])('$commandName → $want', ({ commandName, want }) => {
    expect(operationName(commandName)).toBe(want);
  });
});
