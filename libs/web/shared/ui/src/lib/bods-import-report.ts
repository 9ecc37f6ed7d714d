import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import type { BodsImportResult, BodsIssue } from '@quorum/web/shared/util';
import { Badge } from './badge';

function byIndex(issues: readonly BodsIssue[]): BodsIssue[] {
  return [...issues].sort((a, b) => a.index - b.index);
}

function where(index: number): string {
  return index < 0 ? 'Document' : `Statement ${index}`;
}

/** What a BODS import did: counts, then every error and warning by statement index. */
@Component({
  selector: 'q-bods-import-report',
  imports: [Badge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let r = report();
    <section class="report" aria-labelledby="bods-report-title" role="status">
      <h2 id="bods-report-title">
        Import of {{ fileName() }}
        @if (r.errors.length) {
          <q-badge tone="warn" icon="warning"
            >{{ r.errors.length }} not imported</q-badge
          >
        } @else {
          <q-badge tone="good" icon="check_circle">No errors</q-badge>
        }
      </h2>
      <dl class="counts">
        <div>
          <dt>Imported</dt>
          <dd>{{ r.imported }}</dd>
        </div>
        <div>
          <dt>Skipped (already imported)</dt>
          <dd>{{ r.skipped }}</dd>
        </div>
        <div>
          <dt>Errors</dt>
          <dd>{{ r.errors.length }}</dd>
        </div>
        <div>
          <dt>Warnings</dt>
          <dd>{{ warnings().length }}</dd>
        </div>
        @if (r.entitiesCreated !== undefined) {
          <div>
            <dt>Entities created</dt>
            <dd>{{ r.entitiesCreated }}</dd>
          </div>
        }
        @if (r.interestsRecorded !== undefined) {
          <div>
            <dt>Interests recorded</dt>
            <dd>{{ r.interestsRecorded }}</dd>
          </div>
        }
      </dl>
      @if (r.errors.length) {
        <h3>Errors</h3>
        <ul class="issues">
          @for (e of errors(); track $index) {
            <li>
              <span class="at">{{ where(e.index) }}:</span> {{ e.message }}
            </li>
          }
        </ul>
      }
      @if (warnings().length) {
        <h3>Warnings</h3>
        <ul class="issues">
          @for (w of warnings(); track $index) {
            <li>
              <span class="at">{{ where(w.index) }}:</span> {{ w.message }}
            </li>
          }
        </ul>
      }
    </section>
  `,
  styles: `
    .report {
      padding: 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
    }
    h2 {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      margin: 0 0 8px;
      font: var(--mat-sys-title-medium);
    }
    h3 {
      margin: 12px 0 4px;
      font: var(--mat-sys-title-small);
    }
    .counts {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 24px;
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
    .issues {
      margin: 0;
      padding-left: 20px;
      max-height: 240px;
      overflow: auto;
    }
    .at {
      font-weight: 500;
    }
  `,
})
export class BodsImportReport {
  readonly report = input.required<BodsImportResult>();
  readonly fileName = input('the file');
  protected readonly errors = computed(() => byIndex(this.report().errors));
  protected readonly warnings = computed(() =>
    byIndex(this.report().warnings ?? []),
  );
  protected readonly where = where;
}
