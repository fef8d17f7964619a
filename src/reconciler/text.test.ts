import { MaxMessageLength, MaxValueLength, clipMessage, clipValue } from './text';

describe('clipping', () => {
  it('keeps short text as it is', () => {
    expect(clipValue('eu-west-1_abc')).toBe('eu-west-1_abc');
    expect(clipMessage('AWS matches the spec')).toBe('AWS matches the spec');
  });

  it('cuts a 10,000-character annotation and says it was cut', () => {
    const value = clipValue('x'.repeat(10_000));
    expect(value).toHaveLength(MaxValueLength);
    expect(value.endsWith('…')).toBe(true);
    expect(clipMessage('y'.repeat(10_000))).toHaveLength(MaxMessageLength);
  });
});
