import type { Request } from 'express';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { keptQueryParser } from '../../../server/http/query.js';
import { HttpError } from '../../../server/http/errors.js';

/** A request as Express gives it: the raw URL and its parsed query. */
const req = (url: string): Request => {
  const at = url.indexOf('?');
  return { url, query: Object.fromEntries(new URLSearchParams(at < 0 ? '' : url.slice(at + 1))) } as unknown as Request;
};

describe('keptQueryParser', () => {
  const schema = z.object({
    period: z.string().max(10).default('live'),
    province: z
      .string()
      .regex(/^\d{2}$/)
      .optional(),
  });

  it('answers what parseQuery answers, the same object for the same query string', () => {
    let parses = 0;
    const counted = schema.transform((v) => {
      parses++;
      return v;
    });
    const parse = keptQueryParser(counted);
    const a = parse(req('/overview?period=month&province=79'));
    expect(a).toEqual({ period: 'month', province: '79' });
    expect(parse(req('/overview?period=month&province=79'))).toBe(a);
    expect(parse(req('/overview'))).toEqual({ period: 'live' });
    expect(parse(req('/overview?period=week'))).toEqual({ period: 'week' });
    expect(parses).toBe(3);
  });

  it('refuses a bad query every time, naming the parameter, and keeps nothing of it', () => {
    const parse = keptQueryParser(schema);
    for (let i = 0; i < 2; i++) {
      expect(() => parse(req('/overview?province=7'))).toThrow(HttpError);
      expect(() => parse(req('/overview?province=7'))).toThrow(/province/);
    }
  });

  it('keeps at most `max` query strings, answering correctly past that', () => {
    const parse = keptQueryParser(schema, 2);
    for (let i = 0; i < 5; i++) expect(parse(req(`/overview?period=p${i}`))).toEqual({ period: `p${i}` });
    expect(parse(req('/overview?period=p0'))).toEqual({ period: 'p0' });
  });
});
