import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  OnInit,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import {
  ENTITY_KINDS,
  type EntityKind,
  type EntityView,
  type InterestView,
} from '@quorum/contracts';
import {
  AuthStore,
  EntitiesStore,
  RegistryApi,
  bodsContentType,
} from '@quorum/web/shared/data-access';
import {
  BodsImportReport,
  EmptyState,
  EntityKindPipe,
  ProblemAlert,
} from '@quorum/web/shared/ui';
import {
  ADMIN_PAGES,
  ApiProblem,
  type BodsImportResult,
  ENTITY_KIND_LABELS,
  readFileText,
} from '@quorum/web/shared/util';
import { debounceTime, distinctUntilChanged, map } from 'rxjs';
import {
  CreateEntityDialog,
  type CreateEntityDialogData,
} from './create-entity.dialog';
import { entitySearch, openRecordInterest } from './registry-dialogs';

/** The ownership registry: entities, new entities and statements, BODS import (platform admins). */
@Component({
  selector: 'q-admin-registry-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
    RouterLink,
    BodsImportReport,
    EmptyState,
    EntityKindPipe,
    ProblemAlert,
  ],
  providers: [EntitiesStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="q-page">
      <h1>Ownership registry</h1>
      <p class="q-lede">
        Who owns, controls and sits on the boards of the vendors labs rely on.
        Open an entity to see its effective owners and ownership graph.
      </p>
      @if (canWrite()) {
        <div class="actions">
          <button mat-flat-button type="button" (click)="openCreate()">
            <mat-icon svgIcon="add" aria-hidden="true" /> New entity
          </button>
          <button mat-stroked-button type="button" (click)="openRecord()">
            <mat-icon svgIcon="account_tree" aria-hidden="true" /> Record
            interest
          </button>
          <button
            mat-stroked-button
            type="button"
            [disabled]="importing()"
            (click)="file.click()"
          >
            <mat-icon svgIcon="upload" aria-hidden="true" /> Import BODS…
          </button>
          <input
            #file
            type="file"
            class="cdk-visually-hidden"
            accept=".json,.jsonl,.ndjson,application/json"
            aria-label="BODS 0.4 file (JSON array or JSON Lines)"
            tabindex="-1"
            (change)="importFile(file)"
          />
        </div>
      }
      @if (importing()) {
        <mat-progress-bar
          mode="indeterminate"
          aria-label="Importing BODS statements"
        />
      }
      <q-problem-alert [problem]="importProblem()" />
      @if (importReport(); as report) {
        <q-bods-import-report [report]="report" [fileName]="importName()" />
      }
      <div class="filters" role="search">
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Search by name</mat-label>
          <mat-icon matPrefix svgIcon="search" aria-hidden="true" />
          <input matInput type="search" [formControl]="searchText" />
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Kind</mat-label>
          <mat-select [formControl]="kind">
            <mat-option [value]="null">Any kind</mat-option>
            @for (k of kinds; track k) {
              <mat-option [value]="k">{{ kindLabels[k] }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      </div>
      <q-problem-alert [problem]="store.problem()" />
      @if (store.loading()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading entities" />
      }
      @if (store.loaded()) {
        @if (store.entities().length) {
          <div class="scroll">
            <table
              mat-table
              [dataSource]="store.entities()"
              aria-label="Entities"
            >
              <ng-container matColumnDef="name">
                <th mat-header-cell *matHeaderCellDef scope="col">Name</th>
                <td mat-cell *matCellDef="let e">
                  <a [routerLink]="[pages.entities, e.id]">{{ e.name }}</a>
                </td>
              </ng-container>
              <ng-container matColumnDef="kind">
                <th mat-header-cell *matHeaderCellDef scope="col">Kind</th>
                <td mat-cell *matCellDef="let e">
                  {{ e.kind | entityKind }}
                  @if (e.orgId) {
                    <span class="org">· Quorum organization</span>
                  }
                </td>
              </ng-container>
              <ng-container matColumnDef="identifiers">
                <th mat-header-cell *matHeaderCellDef scope="col">
                  Identifiers
                </th>
                <td mat-cell *matCellDef="let e" class="ids">
                  {{ identifiers(e) }}
                </td>
              </ng-container>
              <ng-container matColumnDef="createdAt">
                <th mat-header-cell *matHeaderCellDef scope="col">Added</th>
                <td mat-cell *matCellDef="let e">
                  {{ e.createdAt | date: 'mediumDate' }}
                </td>
              </ng-container>
              <tr mat-header-row *matHeaderRowDef="columns"></tr>
              <tr mat-row *matRowDef="let row; columns: columns"></tr>
            </table>
          </div>
          @if (store.hasMore()) {
            <div class="more">
              <button
                mat-stroked-button
                type="button"
                [disabled]="store.loading()"
                (click)="store.loadMore()"
              >
                Load more
              </button>
            </div>
          }
        } @else {
          <q-empty-state
            icon="account_tree"
            heading="No entities match"
            message="Try another name or kind."
          />
        }
      }
    </section>
  `,
  styles: `
    .actions,
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 12px;
      margin-bottom: 16px;
    }
    .filters mat-form-field {
      flex: 0 1 280px;
    }
    q-bods-import-report {
      display: block;
      margin-bottom: 16px;
    }
    .scroll {
      overflow-x: auto;
    }
    table {
      width: 100%;
    }
    .org,
    .ids {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .more {
      display: flex;
      justify-content: center;
      padding: 16px;
    }
  `,
})
export class AdminRegistryPage implements OnInit {
  protected readonly auth = inject(AuthStore);
  protected readonly store = inject(EntitiesStore);
  private readonly api = inject(RegistryApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly pages = ADMIN_PAGES;
  protected readonly kinds = ENTITY_KINDS;
  protected readonly kindLabels = ENTITY_KIND_LABELS;
  protected readonly columns = ['name', 'kind', 'identifiers', 'createdAt'];
  protected readonly canWrite = computed(() =>
    this.auth.roles().includes('platform_admin'),
  );
  protected readonly searchText = new FormControl('', { nonNullable: true });
  protected readonly kind = new FormControl<EntityKind | null>(null);

  protected readonly importing = signal(false);
  protected readonly importName = signal('');
  protected readonly importReport = signal<BodsImportResult | null>(null);
  protected readonly importProblem = signal<ApiProblem | null>(null);

  ngOnInit(): void {
    this.store.search({});
    this.searchText.valueChanges
      .pipe(
        map((text) => text.trim()),
        debounceTime(300),
        distinctUntilChanged(),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe(() => this.search());
    this.kind.valueChanges
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(() => this.search());
  }

  protected identifiers(entity: EntityView): string {
    return entity.identifiers.length
      ? entity.identifiers.map((i) => `${i.scheme}: ${i.id}`).join(', ')
      : '—';
  }

  protected openCreate(): void {
    const data: CreateEntityDialogData = {
      submit: (request) => this.store.create(request),
    };
    this.dialog
      .open<CreateEntityDialog, CreateEntityDialogData, EntityView>(
        CreateEntityDialog,
        { data, autoFocus: 'first-tabbable' },
      )
      .afterClosed()
      .subscribe((entity) => {
        if (!entity) return;
        this.snackBar
          .open(`${entity.name} added to the registry`, 'Open', {
            duration: 8000,
          })
          .onAction()
          .subscribe(
            () =>
              void this.router.navigate([
                '/admin',
                ADMIN_PAGES.entities,
                entity.id,
              ]),
          );
      });
  }

  protected openRecord(): void {
    openRecordInterest(this.dialog, {
      search: entitySearch(this.api),
      submit: (request) => this.api.recordInterest(request),
    }).subscribe((interest: InterestView | undefined) => {
      if (interest)
        this.snackBar.open(
          'Interest recorded. Neutrality is being re-evaluated.',
          'OK',
          { duration: 6000 },
        );
    });
  }

  protected importFile(input: HTMLInputElement): void {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this.importing.set(true);
    this.importName.set(file.name);
    this.importReport.set(null);
    this.importProblem.set(null);
    readFileText(file)
      .then((text) => {
        this.api.importBods(text, bodsContentType(file.name)).subscribe({
          next: (report) => {
            this.importReport.set(report);
            this.importing.set(false);
            if (report.imported) this.store.search(this.query());
          },
          error: (err: unknown) => {
            this.importProblem.set(ApiProblem.from(err));
            this.importing.set(false);
          },
        });
      })
      .catch((err: unknown) => {
        this.importProblem.set(ApiProblem.from(err));
        this.importing.set(false);
      });
  }

  private query() {
    return { q: this.searchText.value, kind: this.kind.value };
  }

  private search(): void {
    this.store.search(this.query());
  }
}
