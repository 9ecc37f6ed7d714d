import { JOB_NAMES, JOB_QUEUE, JobName, QUEUES } from '@quorum/contracts';
import { assertJobCoverage } from './queue-processor';

const noop = async () => undefined;

describe('assertJobCoverage', () => {
  const complete = () =>
    Object.values(QUEUES).map((queueName) => ({
      queueName: queueName as string,
      handlers: Object.fromEntries(JOB_NAMES.filter((n) => JOB_QUEUE[n] === queueName).map((n) => [n, noop])) as Record<string, typeof noop>,
    }));
  const someJob: JobName = JOB_NAMES[0];

  it('accepts one handler per job on its own queue', () => {
    expect(() => assertJobCoverage(complete() as never)).not.toThrow();
  });

  it('names a job without a handler', () => {
    const processors = complete();
    for (const p of processors) delete p.handlers[someJob];
    expect(() => assertJobCoverage(processors as never)).toThrow(new RegExp(`"${someJob}" has no handler`));
  });

  it('names a job handled twice or on the wrong queue', () => {
    const processors = complete();
    processors.push({ queueName: 'elsewhere', handlers: { [someJob]: noop } });
    expect(() => assertJobCoverage(processors as never)).toThrow(new RegExp(`"${someJob}" has 2 handlers`));
    expect(() => assertJobCoverage(processors as never)).toThrow(new RegExp(`belongs to queue "${JOB_QUEUE[someJob]}" but is handled on "elsewhere"`));
  });

  it('names a handler for a job that does not exist', () => {
    const processors = complete();
    processors[0].handlers['no.such.job'] = noop;
    expect(() => assertJobCoverage(processors as never)).toThrow(/handler for unknown job "no.such.job"/);
  });
});
