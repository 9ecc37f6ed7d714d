import { Pipe, type PipeTransform } from '@angular/core';
import type { BodsShare, PercentRange } from '@quorum/contracts';
import {
  entityKindLabel,
  formatPercentRange,
  formatShare,
  interestTypeLabel,
} from '@quorum/web/shared/util';

/** `{min, max}` → "49%" or "15–21%" ("—" when unknown). */
@Pipe({ name: 'percentRange' })
export class PercentRangePipe implements PipeTransform {
  transform(range: PercentRange | null | undefined): string {
    return formatPercentRange(range);
  }
}

/** A BODS share → "60%", "25–35%", "> 50%". */
@Pipe({ name: 'share' })
export class SharePipe implements PipeTransform {
  transform(share: BodsShare | PercentRange | null | undefined): string {
    return formatShare(share);
  }
}

/** A BODS interest type code → its words ("votingRights" → "Voting rights"). */
@Pipe({ name: 'interestType' })
export class InterestTypePipe implements PipeTransform {
  transform(type: string): string {
    return interestTypeLabel(type);
  }
}

/** An entity kind code → "Company", "Fund", "Person", "State body", "Arrangement". */
@Pipe({ name: 'entityKind' })
export class EntityKindPipe implements PipeTransform {
  transform(kind: string): string {
    return entityKindLabel(kind);
  }
}
