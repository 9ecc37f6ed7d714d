import { LiveAnnouncer } from '@angular/cdk/a11y';
import {
  ChangeDetectionStrategy,
  Component,
  OnInit,
  computed,
  inject,
} from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { MEMBER_ROLES_BY_ORG_KIND, type MemberView } from '@quorum/contracts';
import { AuthStore, TeamStore } from '@quorum/web/shared/data-access';
import {
  AddMemberDialog,
  type AddMemberDialogData,
  TeamView,
} from '@quorum/web/shared/ui';

/** Lab members: lab admins add lab admins and lab members; lab members see the list. */
@Component({
  selector: 'q-lab-team-page',
  imports: [TeamView],
  providers: [TeamStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="q-page">
      <h1>Team</h1>
      <p class="q-lede">
        People of {{ auth.user()?.orgName }} who can sign in to post and follow
        jobs.
      </p>
      <q-team-view
        [members]="store.members()"
        [loaded]="store.loaded()"
        [loading]="store.loading()"
        [hasMore]="store.hasMore()"
        [problem]="store.problem()"
        [canAdd]="canAdd()"
        (add)="openAddMember()"
        (loadMore)="store.loadMore()"
      />
    </section>
  `,
})
export class LabTeamPage implements OnInit {
  protected readonly auth = inject(AuthStore);
  protected readonly store = inject(TeamStore);
  private readonly dialog = inject(MatDialog);
  private readonly announcer = inject(LiveAnnouncer);

  private readonly roles = computed(() => {
    const kind = this.auth.orgKind();
    return kind ? MEMBER_ROLES_BY_ORG_KIND[kind] : [];
  });
  protected readonly canAdd = computed(
    () => this.auth.isOrgAdmin() && this.roles().length > 0,
  );

  ngOnInit(): void {
    const user = this.auth.user();
    if (user) this.store.load(user.orgId);
  }

  protected openAddMember(): void {
    const user = this.auth.user();
    if (!user) return;
    const data: AddMemberDialogData = {
      orgName: user.orgName,
      roles: this.roles(),
      submit: (request) => this.store.add(request),
    };
    this.dialog
      .open<AddMemberDialog, AddMemberDialogData, MemberView>(AddMemberDialog, {
        data,
        autoFocus: 'first-tabbable',
      })
      .afterClosed()
      .subscribe((member) => {
        if (member)
          void this.announcer.announce(
            `${member.displayName} added to the team`,
          );
      });
  }
}
