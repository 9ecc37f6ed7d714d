import type { MatDialog } from '@angular/material/dialog';
import type { EntityView, InterestView } from '@quorum/contracts';
import type { RegistryApi } from '@quorum/web/shared/data-access';
import { type Observable, map } from 'rxjs';
import {
  RecordInterestDialog,
  type RecordInterestDialogData,
} from './record-interest.dialog';

/** The first entities whose name contains the text, for entity pickers. */
export function entitySearch(api: RegistryApi) {
  return (text: string): Observable<EntityView[]> =>
    api.listEntities({ q: text || null, limit: 10 }).pipe(map((p) => p.items));
}

export function openRecordInterest(
  dialog: MatDialog,
  data: RecordInterestDialogData,
): Observable<InterestView | undefined> {
  return dialog
    .open<
      RecordInterestDialog,
      RecordInterestDialogData,
      InterestView
    >(RecordInterestDialog, { data, autoFocus: 'first-tabbable', maxHeight: '92vh' })
    .afterClosed();
}
