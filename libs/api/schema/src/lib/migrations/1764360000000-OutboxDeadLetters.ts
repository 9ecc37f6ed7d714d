import { MigrationInterface, QueryRunner } from 'typeorm';

export class OutboxDeadLetters1764360000000 implements MigrationInterface {
  name = 'OutboxDeadLetters1764360000000';

  async up(q: QueryRunner): Promise<void> {
    // A row whose job failed every retry of every relay stops being relayed and is shown instead.
    await q.query(`ALTER TABLE outbox ADD COLUMN dead_at timestamptz, ADD COLUMN last_error text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox DROP COLUMN dead_at, DROP COLUMN last_error`);
  }
}
