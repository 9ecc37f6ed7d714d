import {
  ChangeDetectionStrategy,
  Component,
  OnInit,
  computed,
  inject,
} from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { ConflictStatus, ConflictView } from '@quorum/contracts';
import { AuthStore, ConflictsStore } from '@quorum/web/shared/data-access';
import {
  ConflictList,
  type ConflictViewer,
  WaiveDialog,
  type WaiveDialogData,
} from '@quorum/web/shared/ui';

/** Outcome of a waiver request as a sentence: a block's waiver waits for a second person. */
export function waiverOutcome(conflict: ConflictView): string {
  const waiver = conflict.waiver;
  if (waiver?.status === 'pending')
    return 'Waiver requested. It stays pending, and the vendor stays blocked, until a second person approves it.';
  if (conflict.status === 'waived' && waiver)
    return `Conflict waived until ${waiver.expiresAt.slice(0, 10)}.`;
  return 'Waiver recorded.';
}

/** The lab's conflicts with their evidence; lab admins acknowledge, waive and approve waivers. */
@Component({
  selector: 'q-lab-conflicts-page',
  imports: [ConflictList],
  providers: [ConflictsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="q-page">
      <h1>Conflicts</h1>
      <p class="q-lede">
        Vendors owned, controlled or bound by a competitor of
        {{ auth.user()?.orgName }}, with the evidence from the ownership
        registry.
        @if (!viewer().canDecide) {
          Only a lab admin can acknowledge or waive them.
        }
      </p>
      <q-conflict-list
        [conflicts]="store.conflicts()"
        [loaded]="store.loaded()"
        [loading]="store.loading()"
        [hasMore]="store.hasMore()"
        [problem]="store.problem()"
        [actionProblem]="store.actionProblem()"
        [status]="store.query()?.status ?? null"
        [viewer]="viewer()"
        [busy]="store.busy()"
        (statusChange)="filter($event)"
        (acknowledge)="acknowledge($event)"
        (waive)="openWaive($event)"
        (approve)="approve($event)"
        (loadMore)="store.loadMore()"
      />
    </section>
  `,
})
export class LabConflictsPage implements OnInit {
  protected readonly auth = inject(AuthStore);
  protected readonly store = inject(ConflictsStore);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly viewer = computed<ConflictViewer>(() => ({
    userId: this.auth.user()?.id ?? null,
    canDecide: this.auth.roles().includes('lab_admin'),
  }));

  ngOnInit(): void {
    this.store.load({});
  }

  protected filter(status: ConflictStatus | null): void {
    this.store.load({ status });
  }

  protected acknowledge(conflict: ConflictView): void {
    this.store.acknowledge(conflict.id).subscribe({
      next: () => this.tell('Conflict acknowledged. It still applies.'),
      error: () => undefined,
    });
  }

  protected approve(conflict: ConflictView): void {
    this.store.approveWaiver(conflict.id).subscribe({
      next: (c) => this.tell(waiverOutcome(c)),
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
        if (updated) this.tell(waiverOutcome(updated));
      });
  }

  private tell(message: string): void {
    this.snackBar.open(message, 'OK', { duration: 8000 });
  }
}
