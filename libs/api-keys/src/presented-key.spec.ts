import { presentedKey } from './presented-key';

describe('presentedKey', () => {
  it('reads a bearer token, whatever the scheme’s case', () => {
    expect(presentedKey({ authorization: 'Bearer evl_abc' })).toBe('evl_abc');
    expect(presentedKey({ authorization: 'bearer evl_abc ' })).toBe('evl_abc');
  });

  it('falls back to X-API-Key', () => {
    expect(presentedKey({ 'x-api-key': ' evl_abc ' })).toBe('evl_abc');
    expect(presentedKey({ authorization: 'Basic dXNlcjpwdw==', 'x-api-key': 'evl_abc' })).toBe('evl_abc');
  });

  it('finds nothing in an empty or malformed header', () => {
    expect(presentedKey({})).toBeUndefined();
    expect(presentedKey({ authorization: 'Bearer' })).toBeUndefined();
    expect(presentedKey({ authorization: 'Bearer two words' })).toBeUndefined();
    expect(presentedKey({ 'x-api-key': '  ' })).toBeUndefined();
  });
});
