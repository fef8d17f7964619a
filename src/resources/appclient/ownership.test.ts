import type { UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider';
import type { Case } from '../../../test/unit/support/fakes';
import type { AppClientRefs } from './mapping';
import { diffAppClient, updateUserPoolClientRequest } from './mapping';
import { appClientOwnedPaths } from './ownership';
import type { AppClientSpec } from './schema';

const refs: AppClientRefs = { userPoolId: 'eu-west-1_Pool', region: 'eu-west-1', issuerUrl: 'https://issuer' };
const base: AppClientSpec = { userPoolRef: { name: 'pool' }, deletionPolicy: 'Delete', generateSecret: false };
const cb = 'https://shop.example.com/callback';
const analytics = { ApplicationArn: 'arn:aws:mobiletargeting:eu-west-1:123456789012:apps/abc', UserDataShared: false };
const client: UserPoolClientType = {
  ClientId: 'client-1',
  ClientName: 'web',
  AllowedOAuthFlowsUserPoolClient: true,
  AllowedOAuthFlows: ['code'],
  AllowedOAuthScopes: ['openid'],
  CallbackURLs: [cb],
  LogoutURLs: ['https://shop.example.com/'],
  DefaultRedirectURI: cb,
  AnalyticsConfiguration: analytics,
};
const oauth = { flows: ['code' as const], scopes: ['openid'], callbackUrls: [cb] };

describe('appClientOwnedPaths', () => {
  const cases: Case<[AppClientSpec], string[]>[] = [
    { name: 'none', reason: 'flows and scopes are not tracked: leaving oauth out already turns them off', args: [base], want: [] },
    {
      name: 'all',
      reason: 'the URL lists, the default redirect and analytics',
      args: [{ ...base, oauth: { ...oauth, logoutUrls: ['https://x/'], defaultRedirectUri: cb }, analytics: { applicationArn: analytics.ApplicationArn } }],
      want: ['oauth.callbackUrls', 'oauth.logoutUrls', 'oauth.defaultRedirectUri', 'analytics'],
    },
  ];
  it.each(cases)('$name: $reason', ({ args, want }) => {
    expect(appClientOwnedPaths(...args)).toEqual(want);
  });
});

describe('releasing AppClient paths', () => {
  it('UpdateUserPoolClient leaves out the released logout URLs, default redirect and analytics (AWS resets them)', () => {
    const request = updateUserPoolClientRequest({ ...base, oauth }, refs, client, ['oauth.logoutUrls', 'oauth.defaultRedirectUri', 'analytics']);
    expect(request.CallbackURLs).toEqual([cb]);
    expect(request).not.toHaveProperty('LogoutURLs');
    expect(request).not.toHaveProperty('DefaultRedirectURI');
    expect(request).not.toHaveProperty('AnalyticsConfiguration');
  });

  it('released callback URLs take a default redirect kept from AWS with them', () => {
    const request = updateUserPoolClientRequest(base, refs, client, ['oauth.callbackUrls']);
    expect(request).not.toHaveProperty('CallbackURLs');
    expect(request).not.toHaveProperty('DefaultRedirectURI');
    expect(request.LogoutURLs).toEqual(client.LogoutURLs);
  });

  it('settings never recorded are sent as AWS has them', () => {
    const request = updateUserPoolClientRequest({ ...base, oauth }, refs, client);
    expect(request.LogoutURLs).toEqual(client.LogoutURLs);
    expect(request.DefaultRedirectURI).toBe(cb);
    expect(request.AnalyticsConfiguration).toEqual(analytics);
  });

  it('diffAppClient reports the released paths AWS still has, and none once they are gone', () => {
    const released = ['oauth.logoutUrls', 'oauth.defaultRedirectUri', 'analytics'];
    expect(diffAppClient({ ...base, oauth }, refs, client, released)).toEqual(released);
    const cleared: UserPoolClientType = { ...client, LogoutURLs: [], DefaultRedirectURI: undefined, AnalyticsConfiguration: undefined };
    expect(diffAppClient({ ...base, oauth }, refs, cleared, released)).toEqual([]);
  });
});
