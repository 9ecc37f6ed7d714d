/** Collects per-record warnings, keeping the first `max` verbatim so a bad file cannot flood a log. */
export class WarningLog {
  private readonly kept: string[] = [];
  private dropped = 0;

  constructor(private readonly max = 50) {}

  add(message: string): void {
    if (this.kept.length < this.max) this.kept.push(message);
    else this.dropped += 1;
  }

  /** Counted caveats: added only when count > 0, never dropped. */
  note(count: number, message: string): void {
    if (count > 0) this.kept.push(message);
  }

  toArray(): string[] {
    return this.dropped > 0
      ? [...this.kept, `… and ${this.dropped} more warnings like these`]
      : [...this.kept];
  }
}
