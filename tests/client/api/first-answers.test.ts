// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import {
  FIRST_ANSWER_TTL_MS,
  askFirstAnswers,
  firstAnswer,
  firstAnswerNow,
  forgetFirstAnswers,
  preloadedApiPaths,
  takeFirstAnswer,
} from '../../../client/api/first-answers';

const json = (body: unknown) => async (): Promise<Response> => new Response(JSON.stringify(body), { status: 200 });

afterEach(() => forgetFirstAnswers());

describe('preloadedApiPaths', () => {
  it("lists the page's fetch preloads of the API whose media match, with their query, and nothing else", () => {
    document.head.innerHTML = [
      '<link rel="preload" href="/api/v1/jurisdiction" as="fetch" crossorigin="anonymous">',
      '<link rel="preload" href="/api/v1/jurisdiction/boundaries" as="fetch" media="(min-width: 721px)">',
      '<link rel="preload" href="/api/v1/overview?period=month" as="fetch">',
      '<link rel="modulepreload" href="/assets/index.js">',
      '<link rel="preload" href="/assets/font.woff2" as="font">',
    ].join('');
    const narrow = (media: string) => media !== '(min-width: 721px)';
    expect(preloadedApiPaths(document, narrow)).toEqual(['/api/v1/jurisdiction', '/api/v1/overview?period=month']);
    expect(preloadedApiPaths(document, () => true)).toContain('/api/v1/jurisdiction/boundaries');
  });
});

describe('first answers', () => {
  it('gives a view its answer at once when it has arrived, and the same request (not a second one) to a loader', async () => {
    let calls = 0;
    const fetchImpl = async (): Promise<Response> => {
      calls++;
      return json({ city: 'HCMC' })();
    };
    const asked = askFirstAnswers(['/api/v1/overview?period=month'], { fetchImpl });
    expect(firstAnswerNow('/api/v1/overview?period=month')).toBeUndefined(); // not answered yet
    await asked;
    expect(firstAnswerNow('/api/v1/overview?period=month')).toEqual({ city: 'HCMC' });
    await expect(firstAnswer('/api/v1/overview?period=month')).resolves.toEqual({ city: 'HCMC' });
    expect(calls).toBe(1);
    expect(firstAnswerNow('/api/v1/overview?period=today')).toBeUndefined();
  });

  it('stops standing in for a request once older than FIRST_ANSWER_TTL_MS (a view mounted later asks the server)', async () => {
    let now = 1_000_000;
    await askFirstAnswers(['/api/v1/jurisdiction'], { fetchImpl: json({ units: [] }), clock: () => now });
    now += FIRST_ANSWER_TTL_MS;
    expect(firstAnswerNow('/api/v1/jurisdiction')).toEqual({ units: [] });
    now += 1;
    expect(firstAnswerNow('/api/v1/jurisdiction')).toBeUndefined();
    expect(firstAnswer('/api/v1/jurisdiction')).toBeUndefined();
  });

  it('drops a failed answer, so the normal request runs and reports the error; asking never rejects', async () => {
    const failing = async (): Promise<Response> => new Response('{"error":{"code":"internal","message":"x"}}', { status: 500 });
    await expect(askFirstAnswers(['/api/v1/client-config'], { fetchImpl: failing })).resolves.toBeUndefined();
    expect(firstAnswer('/api/v1/client-config')).toBeUndefined();
  });

  it('hands who is signed in over only once: a later check after a sign-out reaches the server', async () => {
    await askFirstAnswers(['/api/v1/auth/me'], { fetchImpl: json({ authenticated: true }) });
    await expect(takeFirstAnswer('/api/v1/auth/me')).resolves.toEqual({ authenticated: true });
    expect(takeFirstAnswer('/api/v1/auth/me')).toBeUndefined();
  });
});
