import { describe, expect, it } from 'vitest';
import { reasonKey, splitFieldErrors } from '../../../../client/features/admin/users/field-errors';

describe('splitFieldErrors: the server’s reasons next to their fields', () => {
  it('puts each reason under the field it names, the entry of a list kept', () => {
    const e = splitFieldErrors(
      'username: 3–64 letters, digits, dot, dash or underscore; password: a password needs at least 10 characters; scopes[1]: "unit:99999" is not a known unit or department code',
    );
    expect(e.fields).toEqual({
      username: '3–64 letters, digits, dot, dash or underscore',
      password: 'a password needs at least 10 characters',
      scopes: '[1] "unit:99999" is not a known unit or department code',
    });
    expect(e.general).toEqual([]);
  });

  it('joins two reasons of one field, and keeps what names no field as general', () => {
    const e = splitFieldErrors('scopes[0]: a; scopes[2]: b; you cannot disable your own account');
    expect(e.fields.scopes).toBe('[0] a; [2] b');
    expect(e.general).toEqual(['you cannot disable your own account']);
  });
});

describe('reasonKey: server reasons the tab words in Vietnamese', () => {
  it('knows a short password, a taken or malformed username, missing units; leaves the rest as the server wrote it', () => {
    expect(reasonKey('password', 'a password needs at least 10 characters')).toEqual({ key: 'passwordShort', values: { n: '10' } });
    expect(reasonKey('username', 'a user named "x" already exists')).toEqual({ key: 'usernameTaken' });
    expect(reasonKey('username', '3–64 letters, digits, dot, dash or underscore')).toEqual({ key: 'usernameFormat' });
    expect(reasonKey('scopes', 'the unit_leader role needs at least one unit or department (unit:<code>, department:<code>)')).toEqual({
      key: 'scopesNeeded',
    });
    expect(reasonKey('scopes', '[1] "unit:99999" is not a known unit or department code')).toBeNull();
  });
});
