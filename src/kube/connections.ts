/**
 * API clients that keep their connections to the API server. @kubernetes/client-node builds a
 * new https.Agent for every request, so each call paid a TCP and TLS handshake (most of the
 * operator's busy CPU at a few hundred objects). Here one keep-alive agent serves every request
 * of a client, as client-go reuses one transport; a changed TLS identity (a rotated client
 * certificate) gets a new agent.
 */
import { Agent } from 'node:https';
import type { AgentOptions } from 'node:https';
import type { Configuration, KubeConfig, RequestContext, SecurityAuthentication } from '@kubernetes/client-node';
import { ServerConfiguration, createConfiguration } from '@kubernetes/client-node';

/** The agent options that make one TLS identity differ from another. */
const identityOptions = ['ca', 'cert', 'key', 'pfx', 'passphrase', 'rejectUnauthorized', 'servername'] as const satisfies readonly (keyof AgentOptions)[];

function identityOf(options: AgentOptions): string {
  return JSON.stringify(identityOptions.map((k) => {
    const value: unknown = options[k];
    return Buffer.isBuffer(value) ? value.toString('base64') : value;
  }));
}

/** The kubeconfig's own authentication, with its per-request agent swapped for a kept one. */
export function keepAliveAuthentication(kc: KubeConfig): SecurityAuthentication {
  let kept: { agent: Agent; identity: string } | undefined;
  return {
    getName: () => 'kubeconfig with kept connections',
    async applySecurityAuthentication(context: RequestContext) {
      await kc.applySecurityAuthentication(context);
      const fresh = context.getAgent();
      // Proxies and plain HTTP keep the library's own agent.
      if (!(fresh instanceof Agent) || fresh.constructor !== Agent) return;
      const identity = identityOf(fresh.options);
      if (kept?.identity !== identity) kept = { agent: new Agent({ ...fresh.options, keepAlive: true }), identity };
      context.setAgent(kept.agent);
    },
  };
}

/** Like `kc.makeApiClient`, with connections kept alive and reused. */
export function makeKeepAliveClient<T>(kc: KubeConfig, apiClientType: new (config: Configuration) => T): T {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('the kubeconfig names no current cluster');
  const config = createConfiguration({ baseServer: new ServerConfiguration(cluster.server, {}), authMethods: { default: keepAliveAuthentication(kc) } });
  return new apiClientType(config);
}
