import type { ResourceServerType } from '@aws-sdk/client-cognito-identity-provider';
import type { Case } from '../../../test/unit/support/fakes';
import type { ResourceServerRefs } from './mapping';
import {
  createResourceServerRequest,
  diffResourceServer,
  identifierMismatches,
  resourceServerOutputs,
  serverNameOf,
  updateResourceServerRequest,
  wantedScopes,
} from './mapping';
import type { ResourceServerSpec } from './schema';

const refs: ResourceServerRefs = { userPoolId: 'eu-west-1_AbCdEf123', region: 'eu-west-1' };
const identifier = 'https://api.shop.example.com';
const spec: ResourceServerSpec = {
  deletionPolicy: 'Delete',
  userPoolRef: { name: 'shop-users' },
  identifier,
  name: 'Shop API',
  scopes: [{ name: 'orders.read', description: 'Read orders' }, { name: 'orders.write' }],
};
const inAws = (overrides: Partial<ResourceServerType> = {}): ResourceServerType => ({
  UserPoolId: refs.userPoolId,
  Identifier: identifier,
  Name: 'Shop API',
  Scopes: [
    { ScopeName: 'orders.write', ScopeDescription: 'orders.write' },
    { ScopeName: 'orders.read', ScopeDescription: 'Read orders' },
  ],
  ...overrides,
});

describe('serverNameOf', () => {
  it('is spec.name, else the object’s name', () => {
    expect(serverNameOf(spec, 'shop-api')).toBe('Shop API');
    expect(serverNameOf({ ...spec, name: undefined }, 'shop-api')).toBe('shop-api');
  });
});

describe('createResourceServerRequest', () => {
  it('sends name and scopes; a scope without a description is described by its name', () => {
    expect(createResourceServerRequest(spec, refs, 'shop-api')).toEqual({
      UserPoolId: refs.userPoolId,
      Identifier: identifier,
      Name: 'Shop API',
      Scopes: [
        { ScopeName: 'orders.read', ScopeDescription: 'Read orders' },
        { ScopeName: 'orders.write', ScopeDescription: 'orders.write' },
      ],
    });
  });

  it('sends no Scopes when the spec lists none, and the object’s name as Name', () => {
    expect(createResourceServerRequest({ ...spec, name: undefined, scopes: undefined }, refs, 'shop-api')).toEqual({
      UserPoolId: refs.userPoolId,
      Identifier: identifier,
      Name: 'shop-api',
    });
  });
});

describe('wantedScopes', () => {
  const cases: Case<[ResourceServerSpec, ResourceServerType, string[] | undefined], { name: string; description: string }[]>[] = [
    {
      name: 'the spec’s list is complete',
      reason: 'scopes AWS has beyond it are removed',
      args: [spec, inAws({ Scopes: [{ ScopeName: 'console.added', ScopeDescription: 'x' }] }), undefined],
      want: [
        { name: 'orders.read', description: 'Read orders' },
        { name: 'orders.write', description: 'orders.write' },
      ],
    },
    {
      name: 'a description the spec never named is kept',
      reason: 'what the spec never named keeps its AWS value',
      args: [spec, inAws({ Scopes: [{ ScopeName: 'orders.write', ScopeDescription: 'Set in the console' }] }), undefined],
      want: [
        { name: 'orders.read', description: 'Read orders' },
        { name: 'orders.write', description: 'Set in the console' },
      ],
    },
    {
      name: 'a description removed from the spec is reset to the scope’s name',
      reason: 'Cognito requires a description; the name is the one a new scope gets',
      args: [spec, inAws({ Scopes: [{ ScopeName: 'orders.write', ScopeDescription: 'Write orders' }] }), ['scopes[orders.write].description']],
      want: [
        { name: 'orders.read', description: 'Read orders' },
        { name: 'orders.write', description: 'orders.write' },
      ],
    },
    {
      name: 'no scopes in the spec: AWS’s are kept',
      reason: 'the spec never named them',
      args: [{ ...spec, scopes: undefined }, inAws(), undefined],
      want: [
        { name: 'orders.write', description: 'orders.write' },
        { name: 'orders.read', description: 'Read orders' },
      ],
    },
    {
      name: 'no scopes in the spec: those it named before are removed',
      reason: 'released scopes leave AWS',
      args: [{ ...spec, scopes: undefined }, inAws(), ['scopes[orders.read]', 'scopes[orders.read].description']],
      want: [{ name: 'orders.write', description: 'orders.write' }],
    },
  ];
  it.each(cases)('$name ($reason)', ({ args, want }) => {
    expect(wantedScopes(...args).map((s) => ({ name: s.ScopeName, description: s.ScopeDescription }))).toEqual(want);
  });
});

describe('diffResourceServer', () => {
  const cases: Case<[ResourceServerSpec, ResourceServerType, string[] | undefined], string[]>[] = [
    { name: 'nothing', reason: 'scope order does not matter', args: [spec, inAws(), undefined], want: [] },
    { name: 'the name', reason: 'renamed in the spec', args: [{ ...spec, name: 'Orders API' }, inAws(), undefined], want: ['name'] },
    { name: 'the default name', reason: 'the object’s name when the spec names none', args: [{ ...spec, name: undefined }, inAws(), undefined], want: ['name'] },
    {
      name: 'a scope to add and one to remove',
      reason: 'the list is complete',
      args: [spec, inAws({ Scopes: [{ ScopeName: 'orders.read', ScopeDescription: 'Read orders' }, { ScopeName: 'old', ScopeDescription: 'old' }] }), undefined],
      want: ['scopes[orders.write]', 'scopes[old]'],
    },
    {
      name: 'a description',
      reason: 'changed in the console',
      args: [spec, inAws({ Scopes: [{ ScopeName: 'orders.read', ScopeDescription: 'Console' }, { ScopeName: 'orders.write', ScopeDescription: 'x' }] }), undefined],
      want: ['scopes[orders.read].description'],
    },
    {
      name: 'a released description',
      reason: 'AWS still has the description the spec named before',
      args: [spec, inAws({ Scopes: [{ ScopeName: 'orders.read', ScopeDescription: 'Read orders' }, { ScopeName: 'orders.write', ScopeDescription: 'Write orders' }] }), ['scopes[orders.write].description']],
      want: ['scopes[orders.write].description'],
    },
    {
      name: 'a released scope',
      reason: 'the spec names no scopes now',
      args: [{ ...spec, scopes: undefined }, inAws(), ['scopes[orders.read]']],
      want: ['scopes[orders.read]'],
    },
    { name: 'nothing for a released scope AWS no longer has', reason: 'already gone', args: [{ ...spec, scopes: undefined }, inAws(), ['scopes[gone]']], want: [] },
  ];
  it.each(cases)('$name ($reason)', ({ args: [s, current, released], want }) => {
    expect(diffResourceServer(s, 'shop-api', current, released)).toEqual(want);
  });
});

describe('updateResourceServerRequest', () => {
  it('carries the name and the complete scope list', () => {
    const current = inAws({ Name: 'Old', Scopes: [{ ScopeName: 'old', ScopeDescription: 'old' }] });
    expect(updateResourceServerRequest(spec, refs, 'shop-api', current, identifier)).toEqual({
      UserPoolId: refs.userPoolId,
      Identifier: identifier,
      Name: 'Shop API',
      Scopes: [
        { ScopeName: 'orders.read', ScopeDescription: 'Read orders' },
        { ScopeName: 'orders.write', ScopeDescription: 'orders.write' },
      ],
    });
  });

  it('sends an empty list when every scope goes', () => {
    const request = updateResourceServerRequest({ ...spec, scopes: [] }, refs, 'shop-api', inAws(), identifier);
    expect(request.Scopes).toEqual([]);
  });
});

describe('identifierMismatches', () => {
  it('is empty when the annotation names the spec’s identifier', () => {
    expect(identifierMismatches(spec, identifier)).toEqual([]);
  });

  it('names the identifier when the adopted resource server is another', () => {
    expect(identifierMismatches(spec, 'orders')).toEqual([{ path: 'identifier', want: identifier, have: 'orders' }]);
  });
});

describe('resourceServerOutputs', () => {
  it('gives the scopes as app clients request them', () => {
    expect(resourceServerOutputs(identifier, refs, inAws())).toEqual({
      identifier,
      userPoolId: refs.userPoolId,
      scopes: [`${identifier}/orders.write`, `${identifier}/orders.read`],
    });
  });
});
