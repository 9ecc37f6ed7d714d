import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router } from '@angular/router';
import type { ConflictStatus, ConflictView } from '@quorum/contracts';
import { AuthStore, ConflictsStore } from '@quorum/web/shared/data-access';
import {
  ConflictList,
  type ConflictViewer,
  WaiveDialog,
  type WaiveDialogData,
} from '@quorum/web/shared/ui';
import { CONFLICT_STATUSES } from '@quorum/contracts';

function statusParam(value: string | undefined): ConflictStatus | null {
  return (CONFLICT_STATUSES as readonly string[]).includes(value ?? '')
    ? (value as ConflictStatus)
    : null;
}

/**
 * Every lab's conflicts (the platform queue). Query parameters `lab`, `vendor` and `status` narrow
 * it (the neutrality matrix links here). Platform admins decide; auditors read.
 */
@Component({
  selector: 'q-admin-conflicts-page',
  imports: [MatButtonModule, MatIconModule, ConflictList],
  providers: [ConflictsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="q-page">
      <h1>Conflicts</h1>
      <p class="q-lede">
        Conflicts of every lab with every vendor, with their evidence.
        @if (!viewer().canDecide) {
          Auditors can read them; platform admins decide.
        }
      </p>
      <q-conflict-list
        [conflicts]="store.conflicts()"
        [loaded]="store.loaded()"
        [loading]="store.loading()"
        [hasMore]="store.hasMore()"
        [problem]="store.problem()"
        [actionProblem]="store.actionProblem()"
        [status]="statusFilter()"
        [viewer]="viewer()"
        [busy]="store.busy()"
        [showLab]="true"
        (statusChange)="setParams({ status: $event })"
        (acknowledge)="acknowledge($event)"
        (waive)="openWaive($event)"
        (approve)="approve($event)"
        (loadMore)="store.loadMore()"
      >
        @if (pairLabel(); as label) {
          <span class="pair">{{ label }}</span>
          <button
            mat-button
            type="button"
            (click)="setParams({ lab: null, vendor: null })"
          >
            <mat-icon svgIcon="close" aria-hidden="true" /> Show all pairs
          </button>
        }
      </q-conflict-list>
    </section>
  `,
  styles: `
    .pair {
      font: var(--mat-sys-label-large);
    }
  `,
})
export class AdminConflictsPage {
  /** Query parameters (bound by the router). */
  readonly lab = input<string>();
  readonly vendor = input<string>();
  readonly status = input<string>();

  protected readonly auth = inject(AuthStore);
  protected readonly store = inject(ConflictsStore);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);

  protected readonly statusFilter = computed(() => statusParam(this.status()));
  protected readonly viewer = computed<ConflictViewer>(() => ({
    userId: this.auth.user()?.id ?? null,
    canDecide: this.auth.roles().includes('platform_admin'),
  }));
  protected readonly pairLabel = computed(() => {
    if (!this.lab() && !this.vendor()) return null;
    const first = this.store.conflicts()[0];
    if (first && this.lab() && this.vendor())
      return `${first.labName} × ${first.vendorName}`;
    return 'One lab and vendor pair';
  });

  constructor() {
    effect(() => {
      const query = {
        labOrgId: this.lab() ?? null,
        vendorOrgId: this.vendor() ?? null,
        status: this.statusFilter(),
      };
      untracked(() => this.store.load(query));
    });
  }

  protected setParams(params: Record<string, string | null>): void {
    void this.router.navigate([], {
      queryParams: params,
      queryParamsHandling: 'merge',
    });
  }

  protected acknowledge(conflict: ConflictView): void {
    this.store.acknowledge(conflict.id).subscribe({
      next: () => this.tell('Conflict acknowledged. It still applies.'),
      error: () => undefined,
    });
  }

  protected approve(conflict: ConflictView): void {
    this.store.approveWaiver(conflict.id).subscribe({
      next: () => this.tell('Waiver approved. The conflict is waived.'),
      error: () => undefined,
    });
  }

  protected openWaive(conflict: ConflictView): void {
    const data: WaiveDialogData = {
      conflict,
      submit: (request) => this.store.waive(conflict.id, request),
    };
    this.dialog
      .open<WaiveDialog, WaiveDialogData, ConflictView>(WaiveDialog, {
        data,
        autoFocus: 'first-tabbable',
      })
      .afterClosed()
      .subscribe((updated) => {
        if (!updated) return;
        this.tell(
          updated.waiver?.status === 'pending'
            ? 'Waiver requested. It stays pending until a second person approves it.'
            : 'Conflict waived.',
        );
      });
  }

  private tell(message: string): void {
    this.snackBar.open(message, 'OK', { duration: 8000 });
  }
}
