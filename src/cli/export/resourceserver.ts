/** A ResourceServer spec from DescribeResourceServer: the scope list is complete, as the kind treats it. */
import type { ResourceServerType } from '@aws-sdk/client-cognito-identity-provider';

export function resourceServerSpecFrom(server: ResourceServerType, poolObject: string): Record<string, unknown> {
  const scopes = (server.Scopes ?? []).map((s) => ({
    name: s.ScopeName,
    // A description equal to the name is what the kind sends for none.
    ...(s.ScopeDescription !== undefined && s.ScopeDescription !== s.ScopeName ? { description: s.ScopeDescription } : {}),
  }));
  return {
    userPoolRef: { name: poolObject },
    identifier: server.Identifier,
    name: server.Name,
    ...(scopes.length > 0 ? { scopes } : {}),
  };
}
