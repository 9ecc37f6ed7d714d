import type { LoggerService } from '@nestjs/common';
import pino, { Logger as Pino } from 'pino';
import type { AppConfig } from './app-config';

/** Structured JSON logs. One pino instance per process, shared by Fastify and Nest. */
export function createPino(config: Pick<AppConfig, 'logLevel'>, service: string): Pino {
  return pino({
    level: config.logLevel,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.passwordHash'], censor: '[redacted]' },
    serializers: { err: pino.stdSerializers.err },
  });
}

/** Nest's LoggerService on top of pino: `logger.warn({ err, id }, 'message')` keeps its fields. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Pino) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal', message: unknown, params: unknown[]): void {
    // Nest appends the context (the logger's name) as the last string parameter.
    const context = params.length && typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    if (message !== null && typeof message === 'object' && !(message instanceof Error)) {
      const text = typeof params[0] === 'string' ? params[0] : undefined;
      this.pino[level]({ context, ...(message as Record<string, unknown>) }, text);
    } else if (message instanceof Error) {
      this.pino[level]({ context, err: message }, message.message);
    } else {
      const extra = params.length ? { details: params } : {};
      this.pino[level]({ context, ...extra }, String(message));
    }
  }
}
