import { createServer, type Server } from 'node:http';

export interface Received {
  deliveryId: string;
  event: string;
  body: { data?: Record<string, unknown> } & Record<string, unknown>;
}

/** A lab's webhook endpoint on loopback: records every POST (Quorum-Delivery, Quorum-Event, body). */
export class WebhookReceiver {
  readonly received: Received[] = [];
  private server: Server | null = null;

  constructor(readonly port: number) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      req.on('end', () => {
        try {
          this.received.push({
            deliveryId: String(req.headers['quorum-delivery'] ?? ''),
            event: String(req.headers['quorum-event'] ?? ''),
            body: JSON.parse(raw || '{}'),
          });
        } catch {
          this.received.push({
            deliveryId: String(req.headers['quorum-delivery'] ?? ''),
            event: 'unparseable',
            body: {},
          });
        }
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }
}
