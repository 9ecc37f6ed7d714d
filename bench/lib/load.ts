/**
 * A small closed-loop HTTP/1.1 load generator on raw keep-alive sockets: each connection sends one
 * GET, waits for the whole response, sends the next. Much cheaper per request than http.Agent or
 * fetch, so on a 2-core box more of the CPU is left to the server being measured.
 */
import { connect, Socket } from 'node:net';
import { percentile } from './report';

export interface LoadOptions {
  connections: number;
  seconds: number;
  warmupSeconds?: number;
  headers?: Record<string, string>;
}

export interface LoadResult {
  requests: number;
  /** Responses whose status is not 2xx. */
  notOk: number;
  /** Connection errors (each one ends that connection's loop). */
  errors: number;
  rps: number;
  p50: number;
  p99: number;
  /** CPU the generator itself used during the measured window, in cores (1 = one core busy). */
  generatorCores: number;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const CHUNKED_END = Buffer.from('\r\n0\r\n\r\n');

export async function load(url: string, options: LoadOptions): Promise<LoadResult> {
  const target = new URL(url);
  const headerLines = Object.entries(options.headers ?? {}).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  const request = Buffer.from(`GET ${target.pathname}${target.search} HTTP/1.1\r\nhost: ${target.host}\r\nconnection: keep-alive\r\n${headerLines}\r\n`);
  const warmupMs = (options.warmupSeconds ?? 2) * 1000;
  const started = performance.now();
  const measureFrom = started + warmupMs;
  const measureTo = measureFrom + options.seconds * 1000;
  const latencies: number[] = [];
  let requests = 0;
  let notOk = 0;
  let errors = 0;
  let cpuAtStart: NodeJS.CpuUsage | undefined;
  const warmupTimer = setTimeout(() => (cpuAtStart = process.cpuUsage()), warmupMs);

  const runConnection = () =>
    new Promise<void>((resolve) => {
      const socket: Socket = connect(Number(target.port), target.hostname);
      socket.setNoDelay(true);
      let pending: Buffer = Buffer.alloc(0);
      let sentAt = 0;
      const send = () => {
        sentAt = performance.now();
        socket.write(request);
      };
      socket.on('connect', send);
      socket.on('error', () => {
        errors++;
        resolve();
      });
      socket.on('close', () => resolve());
      socket.on('data', (chunk: Buffer) => {
        pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
        const headerEnd = pending.indexOf(HEADER_END);
        if (headerEnd < 0) return;
        const head = pending.toString('latin1', 0, headerEnd).toLowerCase();
        const length = /\r\ncontent-length:\s*(\d+)/.exec(head);
        let end: number;
        if (length) {
          end = headerEnd + 4 + Number(length[1]);
          if (pending.length < end) return;
        } else {
          const chunkedEnd = pending.indexOf(CHUNKED_END, headerEnd);
          if (chunkedEnd < 0) return;
          end = chunkedEnd + CHUNKED_END.length;
        }
        const now = performance.now();
        const status = Number(head.slice(9, 12));
        if (sentAt >= measureFrom && now <= measureTo) {
          requests++;
          latencies.push(now - sentAt);
          if (status < 200 || status > 299) notOk++;
        }
        pending = pending.subarray(end);
        if (now >= measureTo) socket.end();
        else send();
      });
    });

  await Promise.all(Array.from({ length: options.connections }, runConnection));
  clearTimeout(warmupTimer);
  const cpu = process.cpuUsage(cpuAtStart);
  return {
    requests,
    notOk,
    errors,
    rps: requests / options.seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    generatorCores: (cpu.user + cpu.system) / 1e6 / options.seconds,
  };
}
