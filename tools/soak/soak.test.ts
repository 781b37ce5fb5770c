import { describe, expect, it } from 'vitest';
import { PROFILES } from './profiles.js';
import { runSoak } from './soakRun.js';

/** The soak, short: 200 clients for 15 simulated seconds per profile. `pnpm soak` runs it for minutes. */
describe.each(Object.keys(PROFILES) as (keyof typeof PROFILES)[])(
  'a short soak, profile %s',
  (profile) => {
    it('delivers nothing twice, acknowledges only what arrived, loses no client', async () => {
      const report = await runSoak({
        profile,
        clients: 200,
        rate: 30,
        durationMs: 15_000,
        seed: 7,
        clock: 'simulated',
        payloadBytes: 64,
      });
      const loss = PROFILES[profile].loss;
      expect(report.connected).toBe(200);
      expect(report.disconnects).toBe(0);
      for (const d of [report.up, report.down]) {
        expect(d.sent).toBeGreaterThan(200 * 30 * 14);
        expect(d.duplicatesDelivered).toBe(0);
        expect(d.staleDeliveries).toBe(0);
        expect(d.falseAcks).toBe(0);
        expect(d.doubleAcks).toBe(0);
        expect(d.unverifiableAcks).toBe(0);
        expect(d.delivered / d.sent).toBeGreaterThan(1 - loss - 0.02);
        expect(d.acknowledged / d.delivered).toBeGreaterThan(0.97);
      }
    }, 120_000);
  },
);
