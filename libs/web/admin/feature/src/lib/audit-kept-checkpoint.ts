import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type {
  AuditCheckpointVerifyRequest,
  AuditCheckpointVerifyResponse,
} from '@quorum/contracts';
import { AuditStore } from '@quorum/web/shared/data-access';
import { Badge, type BadgeTone, ProblemAlert } from '@quorum/web/shared/ui';
import { ApiProblem, readFileText } from '@quorum/web/shared/util';
import { parseCheckpointFile } from './audit-checkpoint-file';

export interface KeptFact {
  tone: BadgeTone;
  icon: string;
  text: string;
}

const good = (text: string): KeptFact => ({
  tone: 'good',
  icon: 'check_circle',
  text,
});
const bad = (text: string): KeptFact => ({
  tone: 'bad',
  icon: 'warning',
  text,
});

/** The server's answer about a kept checkpoint as one badge per fact, in the order they build on. */
export function keptFacts(
  kept: AuditCheckpointVerifyRequest,
  r: AuditCheckpointVerifyResponse,
): KeptFact[] {
  const chainIntact = r.firstInvalidSeq === null || r.truncated;
  let newest: KeptFact;
  if (r.truncated)
    newest = bad(
      `Newest events removed (events ${r.firstInvalidSeq ?? '?'} to ${kept.seq} are missing)`,
    );
  // The server stops at the first bad event, so it never looked past it.
  else if (r.firstInvalidSeq !== null && r.firstInvalidSeq < kept.seq)
    newest = {
      tone: 'neutral',
      icon: 'history',
      text: 'Newest events not checked (the chain breaks before them)',
    };
  else newest = good('Newest events present (not truncated)');
  return [
    r.signatureValid
      ? good('Signature genuine')
      : bad('Signature not genuine (not signed by this Quorum’s key)'),
    chainIntact
      ? good('Chain intact up to it')
      : bad(`Chain broken or rewritten (from event ${r.firstInvalidSeq})`),
    newest,
    r.headMatches
      ? good('Checkpointed event unchanged')
      : bad(`Checkpointed event ${kept.seq} changed or missing`),
  ];
}

/** Checks a checkpoint the auditor kept outside Quorum against the chain as it is now. */
@Component({
  selector: 'q-audit-kept-checkpoint',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    Badge,
    ProblemAlert,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="q-lede">
      Pick a checkpoint file you kept, or paste its JSON. It is checked here
      first, then against the chain as it is now.
    </p>
    <div class="actions">
      <button
        mat-stroked-button
        type="button"
        [disabled]="store.keptChecking()"
        (click)="file.click()"
      >
        <mat-icon svgIcon="upload" aria-hidden="true" /> Choose checkpoint file…
      </button>
      <input
        #file
        type="file"
        class="cdk-visually-hidden"
        accept=".json,application/json"
        aria-label="Kept checkpoint file (JSON)"
        tabindex="-1"
        (change)="pick(file)"
      />
    </div>
    <form [formGroup]="form" (ngSubmit)="check()">
      <mat-form-field appearance="outline" class="json">
        <mat-label>Checkpoint JSON</mat-label>
        <textarea
          matInput
          formControlName="text"
          rows="6"
          spellcheck="false"
          placeholder='{ "seq": 42, "headHash": "…", "at": "…", "signature": "…" }'
        ></textarea>
      </mat-form-field>
      <button mat-flat-button type="submit" [disabled]="store.keptChecking()">
        <mat-icon svgIcon="verified_user" aria-hidden="true" /> Check checkpoint
      </button>
    </form>
    @if (store.keptChecking()) {
      <mat-progress-bar
        mode="indeterminate"
        aria-label="Checking the kept checkpoint"
      />
    }
    <q-problem-alert [problem]="parseProblem() ?? store.keptProblem()" />
    <div aria-live="polite">
      @if (result(); as r) {
        <div class="kept-result">
          <p class="verdict">
            @if (r.result.valid) {
              <q-badge tone="good" icon="check_circle"
                >Checkpoint #{{ r.checkpoint.seq }} holds</q-badge
              >
            } @else {
              <q-badge tone="bad" icon="warning"
                >Checkpoint #{{ r.checkpoint.seq }} does not hold</q-badge
              >
            }
            <span
              >signed {{ r.checkpoint.at | date: 'medium' }}, checked
              {{ r.result.checkedAt | date: 'medium' }}</span
            >
          </p>
          <ul class="facts" aria-label="What the check found">
            @for (f of r.facts; track $index) {
              <li>
                <q-badge [tone]="f.tone" [icon]="f.icon">{{ f.text }}</q-badge>
              </li>
            }
          </ul>
          <dl class="result">
            <div>
              <dt>First invalid event</dt>
              <dd>
                {{
                  r.result.firstInvalidSeq === null
                    ? 'None'
                    : '#' + r.result.firstInvalidSeq
                }}
              </dd>
            </div>
            <div>
              <dt>Chain now</dt>
              <dd>{{ r.result.length }} events</dd>
            </div>
          </dl>
        </div>
      }
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .actions {
      margin-bottom: 12px;
    }
    form {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 8px 12px;
    }
    .json {
      flex: 1 1 420px;
    }
    /* Beats Material's font: inherit on inputs, without touching the label. */
    .json textarea.mat-mdc-input-element {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      font-size: 12px;
      line-height: 18px;
    }
    .verdict {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 12px;
      margin: 16px 0 8px;
    }
    .facts {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .result {
      display: flex;
      flex-wrap: wrap;
      gap: 12px 32px;
      margin: 16px 0 0;
    }
    dt {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
    }
  `,
})
export class AuditKeptCheckpoint {
  protected readonly store = inject(AuditStore);
  protected readonly form = inject(NonNullableFormBuilder).group({
    text: [''],
  });
  /** What is wrong with the file or text, found before anything was sent. */
  protected readonly parseProblem = signal<ApiProblem | null>(null);

  protected readonly result = computed(() => {
    const kept = this.store.kept();
    return kept
      ? { ...kept, facts: keptFacts(kept.checkpoint, kept.result) }
      : null;
  });

  protected check(): void {
    this.store.clearKept();
    const parsed = parseCheckpointFile(this.form.controls.text.value);
    if (!parsed.ok) {
      this.parseProblem.set(parsed.problem);
      return;
    }
    this.parseProblem.set(null);
    this.store.checkKept(parsed.checkpoint);
  }

  protected pick(input: HTMLInputElement): void {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    readFileText(file)
      .then((text) => {
        this.form.controls.text.setValue(text);
        this.check();
      })
      .catch((err: unknown) => {
        this.store.clearKept();
        this.parseProblem.set(ApiProblem.from(err));
      });
  }
}
