import { afterEach, describe, expect, it, vi } from 'vitest';
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from '../../../server/domain/time.js';
import { createCityGenerator } from '../../../server/simulator/generator.js';
import { MAX_BATCH_SIZE, seedHistory, SimulatorBacklogError, startSimulator } from '../../../server/simulator/runner.js';
import type { SimulatorSubmit } from '../../../server/simulator/runner.js';
import type { WireDossierEvent, WireTaskEvent } from '../../../server/simulator/wire.js';
import { calendar, procedures, tinyCity, vn } from './helpers.js';

const START = vn('2026-11-18T07:00');
const make = (volume = 800) =>
  createCityGenerator({ seed: 11, jurisdiction: tinyCity, procedures, calendar, scale: 1, model: { dossiersPerWorkingDay: volume } });

/** A submit that records what it received, in order. */
function recorder() {
  const dossiers: WireDossierEvent[] = [];
  const tasks: WireTaskEvent[] = [];
  const batchSizes: number[] = [];
  const submit: SimulatorSubmit = (kind, events) => {
    batchSizes.push(events.length);
    if (kind === 'dossier') dossiers.push(...(events as WireDossierEvent[]));
    else tasks.push(...(events as WireTaskEvent[]));
  };
  return { dossiers, tasks, batchSizes, submit };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('startSimulator', () => {
  it('submits every event once, in order, across ticks of uneven length', async () => {
    let now = START;
    const sink = recorder();
    const sim = startSimulator({ generator: make(), clock: { now: () => now }, submit: sink.submit, tickMs: 60_000, batchSize: 250 });
    // Clock steps from a second to hours, as SIM_SPEED and a busy event loop produce.
    for (const step of [1_000, 17 * MS_PER_MINUTE, 3 * MS_PER_HOUR, 1, 45 * MS_PER_MINUTE, 9 * MS_PER_HOUR, 0, 30_000]) {
      now += step;
      await sim.tick();
    }
    await sim.stop();
    const expected = make().generate(START, now);
    expect(sink.dossiers.map((e) => e.id)).toEqual(expected.dossiers.map((e) => e.id));
    expect(sink.tasks.map((e) => e.id)).toEqual(expected.tasks.map((e) => e.id));
    expect(sink.dossiers.length).toBeGreaterThan(300);
    expect(Math.max(...sink.batchSizes)).toBeLessThanOrEqual(250);
  });

  it('ticks on its timer, never two at once, and stops', async () => {
    vi.useFakeTimers();
    let now = START;
    let inFlight = 0;
    let maxInFlight = 0;
    let calls = 0;
    const submit: SimulatorSubmit = async () => {
      calls++;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2_500)); // slower than a tick
      inFlight--;
    };
    const sim = startSimulator({ generator: make(), clock: { now: () => now }, submit, tickMs: 1_000 });
    for (let i = 0; i < 20; i++) {
      now += 10 * MS_PER_MINUTE;
      await vi.advanceTimersByTimeAsync(1_000);
    }
    expect(calls).toBeGreaterThan(3);
    expect(maxInFlight).toBe(1);
    const stopping = sim.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    await stopping;
    const after = calls;
    now += MS_PER_HOUR;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toBe(after);
  });

  it('retries a failed batch on the next tick without losing or repeating events', async () => {
    let now = START;
    const sink = recorder();
    let failNext = 2;
    const errors: unknown[] = [];
    const submit: SimulatorSubmit = (kind, events) => {
      if (failNext > 0) {
        failNext--;
        throw new Error('ingest unavailable');
      }
      return sink.submit(kind, events);
    };
    const sim = startSimulator({ generator: make(), clock: { now: () => now }, submit, tickMs: 60_000, onError: (e) => errors.push(e) });
    for (let i = 0; i < 6; i++) {
      now += 2 * MS_PER_HOUR;
      await sim.tick();
    }
    await sim.stop();
    expect(errors).toHaveLength(2);
    const expected = make().generate(START, now);
    expect(sink.dossiers.map((e) => e.id)).toEqual(expected.dossiers.map((e) => e.id));
  });

  it('drops the oldest unsent events when the sink stays down, and says so', async () => {
    let now = START;
    const errors: unknown[] = [];
    const sim = startSimulator({
      generator: make(),
      clock: { now: () => now },
      submit: () => {
        throw new Error('down');
      },
      tickMs: 60_000,
      maxBacklog: 1_000,
      onError: (e) => errors.push(e),
    });
    now += 2 * MS_PER_DAY;
    await sim.tick();
    await sim.stop();
    expect(errors.some((e) => e instanceof SimulatorBacklogError && e.dropped > 0)).toBe(true);
  });

  it('rejects batches larger than the ingest contract allows', () => {
    expect(() =>
      startSimulator({ generator: make(), clock: { now: () => START }, submit: () => {}, batchSize: MAX_BATCH_SIZE + 1 }),
    ).toThrow(RangeError);
  });
});

describe('seedHistory', () => {
  it('sends the history in batches of at most 5,000 and hands over to the live runner seamlessly', async () => {
    const sink = recorder();
    const gen = make(4_000);
    const from = START - 5 * MS_PER_DAY;
    const result = await seedHistory({ generator: gen, from, to: START, submit: sink.submit });
    expect(result.dossierEvents).toBe(sink.dossiers.length);
    expect(result.taskEvents).toBe(sink.tasks.length);
    expect(result.batches).toBe(sink.batchSizes.length);
    expect(Math.max(...sink.batchSizes)).toBeLessThanOrEqual(MAX_BATCH_SIZE);
    expect(sink.batchSizes.some((n) => n === MAX_BATCH_SIZE)).toBe(true);
    expect(gen.cursor).toBe(START);

    let now = START + 3 * MS_PER_HOUR;
    const sim = startSimulator({ generator: gen, clock: { now: () => now }, submit: sink.submit, tickMs: 60_000 });
    await sim.tick();
    now += MS_PER_HOUR;
    await sim.tick();
    await sim.stop();

    const expected = make(4_000).generate(from, now);
    expect(sink.dossiers.map((e) => e.id)).toEqual(expected.dossiers.map((e) => e.id));
    expect(sink.tasks.map((e) => e.id)).toEqual(expected.tasks.map((e) => e.id));
  });
});
