import { Pipe, type PipeTransform } from '@angular/core';
import type { Role } from '@quorum/contracts';
import { roleLabel } from '@quorum/web/shared/util';

@Pipe({ name: 'roleLabel' })
export class RoleLabelPipe implements PipeTransform {
  transform(role: Role): string {
    return roleLabel(role);
  }
}
