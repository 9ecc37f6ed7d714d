import { chainStrip } from './audit-chain-strip';

describe('chainStrip', () => {
  it('says an empty chain has no events', () => {
    const s = chainStrip({
      length: 0,
      firstInvalidSeq: null,
      checkpointSeqs: [],
    });
    expect(s.summary).toBe(
      'The audit chain has no events yet. No checkpoint within it.',
    );
    expect(s.intact).toBe(100);
    expect(s.ticks).toEqual([]);
  });

  it('draws one tick per checkpointed seq and names the newest few', () => {
    const s = chainStrip({
      length: 100,
      firstInvalidSeq: null,
      checkpointSeqs: [90, 80, 80, 70, 60, 50, 40, 30, 20, 0],
    });
    expect(s.ticks.map((t) => t.seq)).toEqual([
      0, 20, 30, 40, 50, 60, 70, 80, 90,
    ]);
    expect(s.ticks[0].at).toBe(0);
    expect(s.ticks[8].at).toBe(90);
    expect(s.summary).toBe(
      'Audit chain of 100 events, all intact. Checkpoints at events 40, 50, 60, 70, 80 and 90, and 3 earlier.',
    );
  });

  it('leaves out checkpoints signed after the chain was checked', () => {
    const s = chainStrip({
      length: 10,
      firstInvalidSeq: null,
      checkpointSeqs: [12, 5],
    });
    expect(s.ticks.map((t) => t.seq)).toEqual([5]);
    expect(s.summary).toBe(
      'Audit chain of 10 events, all intact. Checkpoint at event 5.',
    );
  });

  it('reds out from the first invalid event to the end', () => {
    const s = chainStrip({
      length: 10,
      firstInvalidSeq: 10,
      checkpointSeqs: [],
    });
    expect(s.intact).toBe(90);
    expect(s.invalidFrom).toBe(90);
    expect(s.missingFrom).toBeNull();
    expect(s.summary).toBe(
      'Audit chain of 10 events; event 10 cannot be vouched for. No checkpoint within it.',
    );
  });

  it('extends to the checkpoint that had more events and marks them missing', () => {
    const s = chainStrip({
      length: 8,
      firstInvalidSeq: 9,
      checkpointSeqs: [10, 4],
      expectedLength: 10,
    });
    expect(s.end).toBe(10);
    expect(s.intact).toBe(80);
    expect(s.invalidFrom).toBeNull();
    expect(s.missingFrom).toBe(80);
    expect(s.ticks.map((t) => [t.seq, t.at])).toEqual([
      [4, 40],
      [10, 100],
    ]);
    expect(s.summary).toBe(
      'Audit chain of 8 events. A checkpoint says it had 10 events: events 9 to 10 are missing. Checkpoints at events 4 and 10.',
    );
  });
});
