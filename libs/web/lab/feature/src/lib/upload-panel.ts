import { DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  output,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { UploadKind, UploadState } from '@quorum/web/jobs/data-access';
import { Badge, ProblemAlert } from '@quorum/web/shared/ui';

/** Picks a .jsonl/.ndjson/.csv file for items or gold, shows the upload's progress and its report. */
@Component({
  selector: 'q-upload-panel',
  imports: [
    DecimalPipe,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    Badge,
    ProblemAlert,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="panel" [attr.aria-labelledby]="id() + '-title'">
      <h3 [id]="id() + '-title'">{{ title() }}</h3>
      <p class="hint"><ng-content /></p>
      <input
        #file
        type="file"
        class="cdk-visually-hidden"
        accept=".jsonl,.ndjson,.csv"
        [id]="id() + '-file'"
        [disabled]="disabled() || !!state()?.uploading"
        (change)="picked(file)"
        tabindex="-1"
      />
      <button
        mat-stroked-button
        type="button"
        [disabled]="disabled() || !!state()?.uploading"
        (click)="file.click()"
      >
        <mat-icon svgIcon="upload" aria-hidden="true" />
        Upload {{ noun() }} file
      </button>
      @if (state(); as s) {
        @if (s.uploading) {
          <div class="progress" role="status">
            <mat-progress-bar
              [mode]="s.percent === null ? 'indeterminate' : 'determinate'"
              [value]="s.percent ?? 0"
              [attr.aria-label]="'Uploading ' + s.fileName"
            />
            <span
              >Uploading {{ s.fileName }}…
              @if (s.percent !== null) {
                {{ s.percent }}%
              }
            </span>
          </div>
        }
        <q-problem-alert [problem]="s.problem" />
        @if (s.report; as r) {
          <div class="report" role="status">
            <p class="report-title">
              {{ s.fileName }}
              @if (r.rejected) {
                <q-badge tone="warn" icon="warning"
                  >{{ r.rejected | number }} rejected</q-badge
                >
              } @else {
                <q-badge tone="good" icon="check_circle">All accepted</q-badge>
              }
            </p>
            <dl class="counts">
              <div>
                <dt>Accepted</dt>
                <dd>{{ r.accepted | number }}</dd>
              </div>
              <div>
                <dt>Rejected</dt>
                <dd>{{ r.rejected | number }}</dd>
              </div>
            </dl>
            @if (r.errors.length) {
              <div class="errors">
                <table>
                  <caption>
                    Lines not imported
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Line</th>
                      <th scope="col">Problem</th>
                    </tr>
                  </thead>
                  <tbody>
                    @for (e of errors(); track $index) {
                      <tr>
                        <td class="line">{{ e.line }}</td>
                        <td>{{ e.message }}</td>
                      </tr>
                    }
                  </tbody>
                </table>
              </div>
            }
          </div>
        }
      }
    </section>
  `,
  styles: `
    .panel {
      padding: 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
    }
    h3 {
      margin: 0 0 4px;
      font: var(--mat-sys-title-medium);
    }
    .hint {
      margin: 0 0 12px;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .progress {
      display: flex;
      flex-direction: column;
      gap: 4px;
      margin-top: 12px;
      font: var(--mat-sys-body-small);
    }
    .report {
      margin-top: 12px;
    }
    .report-title {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
      margin: 0 0 8px;
      font: var(--mat-sys-title-small);
    }
    .counts {
      display: flex;
      gap: 24px;
      margin: 0;
    }
    dt {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
      font: var(--mat-sys-title-medium);
    }
    .errors {
      max-height: 240px;
      overflow: auto;
      margin-top: 8px;
    }
    table {
      border-collapse: collapse;
      width: 100%;
    }
    caption {
      text-align: left;
      font: var(--mat-sys-label-large);
      padding-bottom: 4px;
    }
    th,
    td {
      padding: 4px 8px;
      text-align: left;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      font: var(--mat-sys-body-small);
    }
    .line {
      font-variant-numeric: tabular-nums;
    }
  `,
})
export class UploadPanel {
  readonly kind = input.required<UploadKind>();
  readonly title = input.required<string>();
  readonly state = input<UploadState | undefined>(undefined);
  readonly disabled = input(false);
  readonly fileChosen = output<File>();

  protected readonly id = computed(() => `upload-${this.kind()}`);
  protected readonly noun = computed(() =>
    this.kind() === 'gold' ? 'a gold' : 'an items',
  );
  protected readonly errors = computed(() =>
    [...(this.state()?.report?.errors ?? [])].sort((a, b) => a.line - b.line),
  );

  protected picked(input: HTMLInputElement): void {
    const file = input.files?.[0];
    // Cleared so choosing the same file again (after fixing it) uploads again.
    input.value = '';
    if (file) this.fileChosen.emit(file);
  }
}
