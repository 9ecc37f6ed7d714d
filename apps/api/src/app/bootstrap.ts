import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { API_PREFIX, ProblemDetails } from '@quorum/contracts';
import { AppConfig, createPino, loadAppConfig, PinoNestLogger } from '@quorum/api/config';
import { jsonTextNestsDeeperThan, MAX_JSON_DEPTH, validationFailed } from '@quorum/api/errors';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from './app.module';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
/** JSON bodies; streamed uploads (JSON Lines, CSV) have their own limits per route. */
const JSON_BODY_LIMIT = 5 * 1024 * 1024;
export const STREAMED_CONTENT_TYPES = ['application/x-ndjson', 'application/jsonl', 'text/csv'];

export interface ApiAppOptions {
  config?: AppConfig;
  /** Serve the built web app (and its SPA fallback) from this folder when it exists. */
  webDistPath?: string | null;
}

export async function createApiApp(options: ApiAppOptions = {}): Promise<NestFastifyApplication> {
  const config = options.config ?? loadAppConfig();
  const pino = createPino(config, 'api');
  const adapter = new FastifyAdapter({
    loggerInstance: pino,
    bodyLimit: JSON_BODY_LIMIT,
    trustProxy: config.trustProxy,
    requestIdHeader: 'x-request-id',
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    logger: new PinoNestLogger(pino),
    bufferLogs: false,
  });
  const fastify = app.getHttpAdapter().getInstance();

  // JSON bodies: the nesting is counted before parsing (parsing a body nested a million levels deep
  // takes a second, validating it overflows the stack). Registering the parser here also keeps Nest
  // from adding its URL-encoded one: the API takes JSON.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', { bodyLimit: JSON_BODY_LIMIT }, (request, body, done) => {
    if (jsonTextNestsDeeperThan(body, MAX_JSON_DEPTH)) return done(validationFailed([{ path: 'body', message: `body must not nest deeper than ${MAX_JSON_DEPTH} levels` }]), undefined);
    return parseJson(request as Parameters<typeof parseJson>[0], body.toString('utf8'), done);
  });
  // Uploads arrive as a stream; the route reads it line by line without holding the file.
  fastify.addContentTypeParser(STREAMED_CONTENT_TYPES, (_req, payload, done) => done(null, payload));
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Angular Material sets inline styles; images may come from the lab's own hosts.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'https:', 'http:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
  });

  app.setGlobalPrefix(API_PREFIX.slice(1), { exclude: [{ path: 'health', method: RequestMethod.GET }] });
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Quorum API')
      .setDescription('Vendor-neutral marketplace for labeling and RLHF work. Errors are application/problem+json (RFC 9457).')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', useGlobalPrefix: false });

  const webDist = options.webDistPath === undefined ? (config.webDistPath ?? join(__dirname, '..', 'web', 'browser')) : options.webDistPath;
  if (webDist && existsSync(join(webDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false, maxAge: '1h' });
    // Client-side routes (/lab, /admin/...) get the app shell; unknown API paths stay problem+json.
    fastify.get('/*', (request, reply) => {
      const path = request.url.split('?')[0];
      if (path.startsWith('/api/') || path === '/api' || path === '/health') {
        const problem: ProblemDetails = { type: 'https://quorum.dev/problems/not-found', title: 'Not found', status: 404, detail: 'No such route', requestId: String(request.id) };
        return reply.status(404).header('content-type', 'application/problem+json; charset=utf-8').send(problem);
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  }
  return app;
}
