import { Agent } from 'node:https';
import { HttpMethod, KubeConfig, RequestContext } from '@kubernetes/client-node';
import { keepAliveAuthentication } from './connections';

function kubeConfig(user: { token?: string; certData?: string; keyData?: string }): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server: 'https://127.0.0.1:6443', caData: Buffer.from('not a real CA').toString('base64') }],
    users: [{ name: 'u', ...user }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return kc;
}

async function agentFor(auth: ReturnType<typeof keepAliveAuthentication>): Promise<Agent> {
  const context = new RequestContext('https://127.0.0.1:6443/api', HttpMethod.GET);
  await auth.applySecurityAuthentication(context);
  const agent = context.getAgent();
  if (!(agent instanceof Agent)) throw new Error('no https agent');
  return agent;
}

describe('keepAliveAuthentication', () => {
  it('gives every request one kept-alive agent and still sets the credentials', async () => {
    const auth = keepAliveAuthentication(kubeConfig({ token: 'secret-token' }));
    const first = await agentFor(auth);
    expect(first.options.keepAlive).toBe(true);
    await expect(agentFor(auth)).resolves.toBe(first);
    const context = new RequestContext('https://127.0.0.1:6443/api', HttpMethod.GET);
    await auth.applySecurityAuthentication(context);
    expect(context.getHeaders().Authorization).toBe('Bearer secret-token');
  });

  it('makes a new agent when the TLS identity changes (a rotated client certificate)', async () => {
    const user = { certData: Buffer.from('cert one').toString('base64'), keyData: Buffer.from('key').toString('base64') };
    const kc = kubeConfig(user);
    const auth = keepAliveAuthentication(kc);
    const first = await agentFor(auth);
    const current = kc.getCurrentUser();
    if (!current) throw new Error('no user');
    Object.assign(current, { certData: Buffer.from('cert two').toString('base64') });
    const second = await agentFor(auth);
    expect(second).not.toBe(first);
    await expect(agentFor(auth)).resolves.toBe(second);
  });
});
