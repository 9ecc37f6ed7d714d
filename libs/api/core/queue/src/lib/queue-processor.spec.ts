import { JOB_NAMES, JOB_QUEUE, QUEUES } from '@quorum/contracts';
import { assertJobCoverage } from './queue-processor';

const noop = async () => undefined;

describe('assertJobCoverage', () => {
  const complete = () =>
    Object.values(QUEUES).map((queueName) => ({
      queueName,
      handlers: Object.fromEntries(JOB_NAMES.filter((n) => JOB_QUEUE[n] === queueName).map((n) => [n, noop])),
    }));

  it('accepts one handler per job on its own queue', () => {
    expect(() => assertJobCoverage(complete())).not.toThrow();
  });

  it('names a job without a handler', () => {
    const processors = complete().filter((p) => p.queueName !== QUEUES.neutrality);
    expect(() => assertJobCoverage(processors)).toThrow(/"neutrality.evaluate" has no handler/);
  });

  it('names a job handled twice or on the wrong queue', () => {
    const processors = complete();
    processors.push({ queueName: QUEUES.maintenance, handlers: { 'neutrality.evaluate': noop } });
    expect(() => assertJobCoverage(processors)).toThrow(/"neutrality.evaluate" has 2 handlers/);
    expect(() => assertJobCoverage(processors)).toThrow(/belongs to queue "neutrality" but is handled on "maintenance"/);
  });
});
