import { describe, expect, it } from 'vitest';
import { LinkStats } from './linkStats.js';
import { SENT_PACKETS_SIZE, SentPackets } from './sentPackets.js';

function harness() {
  const acknowledged: number[] = [];
  const rttSamples: number[] = [];
  const stats = new LinkStats();
  const report = {
    stats,
    onAcknowledged: (sequence: number) => acknowledged.push(sequence),
    onRttSample: (ms: number) => rttSamples.push(ms),
  };
  return { sent: new SentPackets(), acknowledged, rttSamples, stats, report };
}

describe('SentPackets', () => {
  it('reports each acknowledged payload once, oldest first, whatever the ack repeats', () => {
    const { sent, acknowledged, report } = harness();
    for (let s = 1; s <= 5; s++) sent.record(s, s * 10, true);
    sent.applyAck(5, 0b1011, 100, report); // 5, and 4, 3, 1 from the bits
    sent.applyAck(5, 0b1111, 110, report); // now 2 as well
    sent.applyAck(5, 0b1111, 120, report); // nothing new
    expect(acknowledged).toEqual([1, 3, 4, 5, 2]);
  });

  it('does not report heartbeats and other non-payload packets as messages', () => {
    const { sent, acknowledged, report } = harness();
    sent.record(1, 0, false);
    sent.record(2, 0, true);
    expect(sent.applyAck(2, 0b1, 10, report)).toBe(2);
    expect(acknowledged).toEqual([2]);
  });

  it('samples the round trip from the newest ack only, once', () => {
    const { sent, rttSamples, stats, report } = harness();
    sent.record(1, 1000, true);
    sent.record(2, 1010, true);
    sent.applyAck(2, 0b1, 1090, report);
    sent.applyAck(2, 0b1, 1200, report);
    expect(rttSamples).toEqual([80]);
    expect(stats.rtt).toBe(80);
  });

  it('ignores acks of packets it does not hold: never sent, or pushed out of the ring', () => {
    const { sent, acknowledged, report } = harness();
    for (let s = 1; s <= SENT_PACKETS_SIZE + 10; s++) sent.record(s, 0, true);
    sent.applyAck(5, 0b1111, 1, report); // 1..5 were overwritten by 513..517
    expect(acknowledged).toEqual([]);
    sent.applyAck(SENT_PACKETS_SIZE + 10, 0, 1, report);
    expect(acknowledged).toEqual([SENT_PACKETS_SIZE + 10]);
  });

  it('estimates loss from packets that fell out of reach unacknowledged', () => {
    const { sent, stats, report } = harness();
    for (let s = 1; s <= 1000; s++) {
      sent.record(s, s, true);
      // the peer receives all but every fourth packet
      if (s % 4 !== 0) sent.applyAck(s, 0, s, report);
    }
    expect(stats.packetLoss).toBeGreaterThan(0.2);
    expect(stats.packetLoss).toBeLessThan(0.3);
  });
});
