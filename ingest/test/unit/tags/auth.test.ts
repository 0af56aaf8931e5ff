import { bearerMatches, requireToken } from '../../../src/tags/auth';

const TOKEN = 'a1b2c3d4e5f6a7b8c9d0';

describe('bearerMatches', () => {
  it('accepts the exact token with the Bearer scheme in any case', () => {
    expect(bearerMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerMatches(`bearer ${TOKEN}`, TOKEN)).toBe(true);
  });

  it.each([undefined, '', 'Bearer', 'Bearer ', TOKEN, `Basic ${TOKEN}`, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(1)}`, `Bearer ${TOKEN.toUpperCase()}`, `Bearer ${TOKEN} extra`])('refuses %p', (header) => {
    expect(bearerMatches(header, TOKEN)).toBe(false);
  });
});

describe('requireToken', () => {
  it('names GDLENS_TAGS_TOKEN when it is missing or short', () => {
    expect(() => requireToken(undefined)).toThrow(/GDLENS_TAGS_TOKEN must be set/);
    expect(() => requireToken('short')).toThrow(/GDLENS_TAGS_TOKEN must be at least 16/);
    expect(requireToken(TOKEN)).toBe(TOKEN);
  });
});
