import { hasBearer, tokenOfAuthorization } from './session-cookie';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('tokenOfAuthorization', () => {
  it('takes the token from Bearer, ApiKey (raw or base64 id:key) and Basic (as the password)', () => {
    expect(tokenOfAuthorization('Bearer abc')).toBe('abc');
    expect(tokenOfAuthorization('ApiKey lgn_x')).toBe('lgn_x');
    expect(tokenOfAuthorization(`ApiKey ${b64('id:lgn_y')}`)).toBe('lgn_y');
    expect(tokenOfAuthorization(`Basic ${b64('elastic:lgn_z')}`)).toBe('lgn_z');
  });

  it("ignores a proxy's own Basic login and other schemes, so browser sessions keep working behind it", () => {
    expect(tokenOfAuthorization(`Basic ${b64('alice:secret')}`)).toBeNull();
    expect(hasBearer(`Basic ${b64('alice:secret')}`)).toBe(false);
    expect(tokenOfAuthorization('Digest x')).toBeNull();
    expect(tokenOfAuthorization(undefined)).toBeNull();
  });
});
