import { onFirstUse } from './sdk';

const sdkPackages = ['@aws-sdk/client-cognito-identity-provider', '@aws-sdk/client-cognito-identity', '@aws-sdk/client-sts', '@aws-sdk/credential-providers'];

describe('the AWS SDK is loaded on first use', () => {
  test('onFirstUse loads the module at the first property read, and once', () => {
    const load = jest.fn(() => ({ answer: 42, other: 'x' }));
    const mod = onFirstUse(load);
    expect(load).not.toHaveBeenCalled();
    expect(mod.answer).toBe(42);
    expect(mod.other).toBe('x');
    expect(load).toHaveBeenCalledTimes(1);
  });

  test('loading the operator loads no SDK package; the first client loads its own package only', async () => {
    const loaded: string[] = [];
    await jest.isolateModulesAsync(async () => {
      for (const name of sdkPackages) {
        jest.doMock(name, () => {
          loaded.push(name);
          return jest.requireActual(name);
        });
      }
      await import('../operator');
      expect(loaded).toEqual([]);
      const { createAwsClients } = await import('./clients');
      const aws = createAwsClients({ defaultRegion: 'eu-west-1' });
      aws.identityProvider('');
      expect(loaded).toEqual(['@aws-sdk/client-cognito-identity-provider']);
      aws.identity('');
      expect(loaded).toEqual(['@aws-sdk/client-cognito-identity-provider', '@aws-sdk/client-cognito-identity']);
      aws.destroy();
    });
  });
});
