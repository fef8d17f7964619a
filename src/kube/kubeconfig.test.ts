import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inClusterTarget, kubeconfigTarget } from './kubeconfig';

const dir = mkdtempSync(join(tmpdir(), 'kubeconfig-test-'));

function kubeconfig(user: Record<string, unknown>, cluster: Record<string, unknown> = {}): string {
  const path = join(dir, `config-${Math.random().toString(36).slice(2)}`);
  writeFileSync(path, JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'other', cluster: { server: 'https://wrong:1' } }, { name: 'c', cluster: { server: 'https://10.0.0.1:6443/', 'certificate-authority-data': Buffer.from('the CA').toString('base64'), ...cluster } }],
    users: [{ name: 'u', user }],
    contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
    'current-context': 'x',
  }));
  return path;
}

describe('kubeconfigTarget', () => {
  it("uses the current context's cluster and token", async () => {
    const target = await kubeconfigTarget(kubeconfig({ token: 'abc' }));
    expect(target.server).toBe('https://10.0.0.1:6443');
    const { headers, tls } = await target.credentials();
    expect(headers).toEqual({ authorization: 'Bearer abc' });
    expect(tls.ca?.toString()).toBe('the CA');
  });

  it('reads client certificates from data or from files next to the kubeconfig', async () => {
    writeFileSync(join(dir, 'client.key'), 'the key');
    const target = await kubeconfigTarget(kubeconfig({ 'client-certificate-data': Buffer.from('the cert').toString('base64'), 'client-key': 'client.key' }, { 'insecure-skip-tls-verify': true }));
    const { headers, tls } = await target.credentials();
    expect(headers).toEqual({});
    expect([tls.cert?.toString(), tls.key?.toString(), tls.rejectUnauthorized]).toEqual(['the cert', 'the key', false]);
  });

  it('reads a token file', async () => {
    writeFileSync(join(dir, 'token'), 'from-file\n');
    const { headers } = await (await kubeconfigTarget(kubeconfig({ tokenFile: join(dir, 'token') }))).credentials();
    expect(headers).toEqual({ authorization: 'Bearer from-file' });
  });

  it('says which part of the kubeconfig is missing', async () => {
    const path = join(dir, 'broken');
    writeFileSync(path, JSON.stringify({ clusters: [], contexts: [{ name: 'x', context: { cluster: 'nope' } }], 'current-context': 'x' }));
    await expect(kubeconfigTarget(path)).rejects.toThrow('kubeconfig: no cluster named nope');
  });
});

describe('inClusterTarget', () => {
  it("uses the service's address and the mounted token and CA", async () => {
    const sa = mkdtempSync(join(tmpdir(), 'serviceaccount-'));
    writeFileSync(join(sa, 'token'), 'sa-token');
    writeFileSync(join(sa, 'ca.crt'), 'cluster CA');
    const target = inClusterTarget({ KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '443' }, sa);
    expect(target.server).toBe('https://[fd00::1]:443');
    const { headers, tls } = await target.credentials();
    expect(headers).toEqual({ authorization: 'Bearer sa-token' });
    expect(tls.ca?.toString()).toBe('cluster CA');
  });

  it('refuses to start outside a cluster without a kubeconfig', () => {
    expect(() => inClusterTarget({})).toThrow(/not in a cluster/);
  });
});
