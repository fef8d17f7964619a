import type { KubeApi, ListResult, WatchEvent } from './client';
import { Informer } from './informer';
import type { CustomObject } from './objects';
import { asCustomObject } from './objects';
import { silentLogger } from '../observability/logger';

const resource = { group: 'cognito.operator.dev', version: 'v1alpha1', plural: 'userpools', kind: 'UserPool' };

function obj(name: string, resourceVersion: string): CustomObject {
  return {
    apiVersion: 'cognito.operator.dev/v1alpha1',
    kind: 'UserPool',
    metadata: { name, namespace: 'ns', uid: `uid-${name}`, generation: 1, resourceVersion, annotations: {}, finalizers: [] },
    spec: {},
    status: undefined,
  };
}

/**
 * The list/watch half of KubeApi, scripted: each list returns the next result; each watch
 * delivers the next batch of events and then ends as the script says.
 */
function scriptedApi(lists: ListResult[], watches: { events: WatchEvent[]; end: 'close' | Error }[]) {
  const calls: string[] = [];
  const api = {
    async list() {
      calls.push('list');
      const next = lists.shift();
      if (!next) throw new Error('no more lists');
      return next;
    },
    async watch(_r: unknown, _s: unknown, resourceVersion: string, onEvent: (e: WatchEvent) => void) {
      calls.push(`watch@${resourceVersion}`);
      const next = watches.shift() ?? { events: [], end: new Error('script over') };
      for (const e of next.events) onEvent(e);
      return { done: next.end === 'close' ? Promise.resolve() : Promise.reject(next.end), stop: () => undefined };
    },
  } as unknown as KubeApi;
  return { api, calls };
}

describe('Informer', () => {
  it('resumes from the last resourceVersion after a closed watch, re-lists after 410 Gone, and reports deletions it missed', async () => {
    const gone: WatchEvent = { type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } };
    const { api, calls } = scriptedApi(
      [
        { items: [obj('a', '1'), obj('b', '2')], resourceVersion: '2' },
        { items: [obj('b', '7')], resourceVersion: '7' },
      ],
      [
        { events: [{ type: 'MODIFIED', object: obj('a', '3') }], end: 'close' },
        { events: [gone], end: 'close' },
      ],
    );
    const seen: string[] = [];
    let stopAfter = 0;
    const informer = new Informer({
      api,
      narrow: asCustomObject,
      resource,
      logger: silentLogger,
      delay: async () => {
        // The script is over after the second list: stop instead of retrying forever.
        if (++stopAfter >= 1) void informer.stop();
      },
      handlers: {
        onUpsert: (o) => seen.push(`upsert ${o.metadata.name}@${o.metadata.resourceVersion}`),
        onDelete: (o) => seen.push(`delete ${o.metadata.name}`),
      },
    });
    informer.start();
    await informer.synced;
    await new Promise((r) => setTimeout(r, 50));
    await informer.stop();

    expect(calls.slice(0, 5)).toEqual(['list', 'watch@2', 'watch@3', 'list', 'watch@7']);
    expect(seen).toEqual(['upsert a@1', 'upsert b@2', 'upsert a@3', 'delete a', 'upsert b@7']);
    expect(informer.list().map((o) => o.metadata.name)).toEqual(['b']);
  });

  it('says when its first list failed, and lists again until one succeeds', async () => {
    const forbidden = Object.assign(new Error('forbidden'), { statusCode: 403 });
    const lists: (() => ListResult)[] = [() => { throw forbidden; }, () => ({ items: [obj('a', '1')], resourceVersion: '1' })];
    const api = {
      async list() {
        const next = lists.shift();
        if (!next) throw new Error('no more lists');
        return next();
      },
      async watch() {
        void informer.stop();
        return { done: Promise.resolve(), stop: () => undefined };
      },
    } as unknown as KubeApi;
    const informer: Informer = new Informer({ api, narrow: asCustomObject, resource, logger: silentLogger, delay: async () => undefined, handlers: { onUpsert: () => undefined, onDelete: () => undefined } });
    let synced = false;
    void informer.synced.then(() => (synced = true));
    informer.start();
    await informer.attempted;
    expect(synced).toBe(false);
    await informer.synced;
    await informer.stop();
    expect(informer.list().map((o) => o.metadata.name)).toEqual(['a']);
  });

  it('stops at once while waiting to retry, instead of waiting out the backoff', async () => {
    const api = {
      list: async () => ({ items: [], resourceVersion: '1' }),
      watch: async () => ({ done: Promise.reject(new Error('connection refused')), stop: () => undefined }),
    } as unknown as KubeApi;
    let waiting: () => void = () => undefined;
    const backoffStarted = new Promise<void>((resolve) => (waiting = resolve));
    // A retry delay that never ends by itself: only stop() can end the wait.
    const delay = () => {
      waiting();
      return new Promise<void>(() => undefined);
    };
    const informer = new Informer({ api, narrow: asCustomObject, resource, logger: silentLogger, delay, handlers: { onUpsert: () => undefined, onDelete: () => undefined } });
    informer.start();
    await backoffStarted;
    await expect(informer.stop()).resolves.toBeUndefined();
  });

  it('stops a watch whose opening was still in progress when stop() was called', async () => {
    let opened: (w: { done: Promise<void>; stop: () => void }) => void = () => undefined;
    let endWatch: () => void = () => undefined;
    let stoppedWatch = false;
    let watchRequested: () => void = () => undefined;
    const requested = new Promise<void>((resolve) => (watchRequested = resolve));
    const api = {
      list: async () => ({ items: [], resourceVersion: '1' }),
      watch: () => {
        watchRequested();
        return new Promise((resolve) => (opened = resolve));
      },
    } as unknown as KubeApi;
    const informer = new Informer({ api, narrow: asCustomObject, resource, logger: silentLogger, delay: async () => undefined, handlers: { onUpsert: () => undefined, onDelete: () => undefined } });
    informer.start();
    await requested;
    const stopping = informer.stop();
    // The server answers after stop(): a stream that would otherwise run for its full timeoutSeconds.
    opened({ done: new Promise<void>((resolve) => (endWatch = resolve)), stop: () => { stoppedWatch = true; endWatch(); } });
    await stopping;
    expect(stoppedWatch).toBe(true);
  });
});
