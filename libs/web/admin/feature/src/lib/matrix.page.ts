import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  OnInit,
  inject,
} from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { NeutralityMatrixStore } from '@quorum/web/shared/data-access';
import {
  EmptyState,
  NeutralityHeatmap,
  ProblemAlert,
} from '@quorum/web/shared/ui';
import { ADMIN_PAGES, type MatrixCellView } from '@quorum/web/shared/util';

/** Every lab × vendor decision at a glance; a cell opens the conflicts behind it. */
@Component({
  selector: 'q-admin-matrix-page',
  imports: [
    DatePipe,
    MatProgressBarModule,
    EmptyState,
    NeutralityHeatmap,
    ProblemAlert,
  ],
  providers: [NeutralityMatrixStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="q-page">
      <h1>Neutrality matrix</h1>
      <p class="q-lede">
        Whether each lab may route work to each vendor. Select a cell to see the
        conflicts behind it.
        @if (store.matrix()?.evaluatedAt; as at) {
          Last evaluated {{ at | date: 'medium' }}.
        }
      </p>
      <q-problem-alert [problem]="store.problem()" />
      @if (store.loading()) {
        <mat-progress-bar
          mode="indeterminate"
          aria-label="Loading the matrix"
        />
      }
      @if (store.matrix(); as matrix) {
        @if (matrix.labs.length && matrix.vendors.length) {
          <q-neutrality-heatmap [matrix]="matrix" (cellClick)="open($event)" />
        } @else {
          <q-empty-state
            icon="grid_on"
            heading="Nothing to compare yet"
            message="The matrix needs at least one lab and one vendor on Quorum."
          />
        }
      }
    </section>
  `,
})
export class AdminMatrixPage implements OnInit {
  protected readonly store = inject(NeutralityMatrixStore);
  private readonly router = inject(Router);

  ngOnInit(): void {
    this.store.load();
  }

  protected open(cell: MatrixCellView): void {
    void this.router.navigate(['/admin', ADMIN_PAGES.conflicts], {
      queryParams: { lab: cell.labOrgId, vendor: cell.vendorOrgId },
    });
  }
}
