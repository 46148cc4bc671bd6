import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useId, useState } from 'react';
import { client, read } from '../../api';
import { ErrorSummary, SelectField, TextField, useFormErrors } from '../../forms';
import { word } from '../../format';
import { Role, useSession } from '../../session';
import { Empty, ErrorMessage, PageHeading, Pager, QueryState } from '../../ui';
import { queries } from '../../queries';
import type { Schema } from '../../types';

const ROLES: Role[] = ['admin', 'coordinator', 'trainer', 'mentor'];

type Member = Schema<'MemberPageView'>['items'][number];

type Invitation = Schema<'InvitationPageView'>['items'][number];

function InviteForm() {
  const ids = useId();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('coordinator');
  const invite = useMutation({
    mutationFn: () => read<Invitation>(client.POST('/invitations', { body: { email, role } })),
    onSuccess: () => {
      setEmail('');
      void queryClient.invalidateQueries({ queryKey: ['admin', 'invitations'] });
    },
  });
  const { formRef, summaryRef, errorOf } = useFormErrors(invite.error, invite.failureCount);
  const idOf = (field: string) => `${ids}-${field}`;
  return (
    <form
      ref={formRef}
      noValidate
      className="form-section"
      aria-labelledby={`${ids}-heading`}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        invite.mutate();
      }}
    >
      <h2 id={`${ids}-heading`}>Invite someone</h2>
      <p>They get an email with a link that works once, for a limited time, to set a password and join with this role.</p>
      <ErrorSummary error={invite.error} summaryRef={summaryRef} idOf={idOf} />
      <div className="inline-fields">
        <TextField id={idOf('email')} field="email" label="Email address" type="email" autoComplete="off" spellCheck={false} value={email} onChange={setEmail} error={errorOf('email')} />
        <SelectField id={idOf('role')} field="role" label="Role" value={role} onChange={(value) => setRole(value as Role)} error={errorOf('role')}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {word(r)}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button" disabled={invite.isPending}>
          {invite.isPending ? 'Sending…' : 'Send invitation'}
        </button>
      </div>
      {invite.isSuccess && (
        <p className="success" role="status">
          Invitation sent to {invite.data.email}.
        </p>
      )}
    </form>
  );
}

function MemberRow({ member, self }: { member: Member; self: boolean }) {
  const ids = useId();
  const queryClient = useQueryClient();
  const [role, setRole] = useState<Role>(member.role);
  const change = useMutation({
    mutationFn: (body: { role?: Role; status?: Member['status'] }) => read(client.PATCH('/members/{userId}', { params: { path: { userId: member.userId } }, body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['admin', 'members'] }),
  });
  return (
    <tr>
      <th scope="row">
        {member.name}
        {self ? ' (you)' : ''}
      </th>
      <td data-label="Email">{member.email}</td>
      <td data-label="Role">
        <div className="inline-fields">
          <SelectField id={`${ids}-role`} label={`Role of ${member.name}`} labelHidden value={role} onChange={(chosen) => setRole(chosen as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {word(r)}
              </option>
            ))}
          </SelectField>
          <button
            type="button"
            className="button small secondary"
            disabled={role === member.role || change.isPending}
            onClick={() => change.mutate({ role })}
            aria-label={`Change the role of ${member.name}`}
          >
            Change role
          </button>
        </div>
      </td>
      <td data-label="Status">{member.status === 'active' ? 'Active' : 'Disabled'}</td>
      <td data-label="Two-step sign-in">{member.secondFactorEnabled ? 'On' : 'Off'}</td>
      <td data-label="Actions">
        <button
          type="button"
          className="button small secondary"
          disabled={change.isPending}
          onClick={() => change.mutate({ status: member.status === 'active' ? 'disabled' : 'active' })}
          aria-label={`${member.status === 'active' ? 'Disable' : 'Enable'} ${member.name}`}
        >
          {member.status === 'active' ? 'Disable' : 'Enable'}
        </button>
        {change.isError && <ErrorMessage error={change.error} />}
      </td>
    </tr>
  );
}

export function Members() {
  const { user } = useSession();
  const [page, setPage] = useState(1);
  const members = useQuery(queries.members(page));
  return (
    <>
      <PageHeading>Members</PageHeading>
      <p>Everyone who can sign in to this organisation, with their role. Disabling someone signs them out at once; an organisation always keeps at least one active administrator.</p>
      <QueryState query={members} what="Loading the members">
        {(list) => (
          <>
            <table className="stack-on-phone">
              <caption>Members ({list.total})</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Status</th>
                  <th scope="col">Two-step sign-in</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((m) => (
                  <MemberRow key={`${m.userId}:${m.role}:${m.status}`} member={m} self={m.userId === user.id} />
                ))}
              </tbody>
            </table>
            <Pager page={page} pageSize={list.pageSize} total={list.total} onPage={setPage} label="Members" />
          </>
        )}
      </QueryState>
      <InviteForm />
    </>
  );
}

function InvitationRow({ invitation }: { invitation: Invitation }) {
  const { format } = useSession();
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['admin', 'invitations'] });
  const revoke = useMutation({ mutationFn: () => read<Invitation>(client.DELETE('/invitations/{id}', { params: { path: { id: invitation.id } } })), onSuccess: refresh });
  // The API has no "resend": a new invitation goes out first, then the old link is withdrawn, so someone is never left without one.
  const resend = useMutation({
    mutationFn: async () => {
      await read<Invitation>(client.POST('/invitations', { body: { email: invitation.email, role: invitation.role } }));
      if (invitation.status === 'pending') await read<Invitation>(client.DELETE('/invitations/{id}', { params: { path: { id: invitation.id } } }));
    },
    onSuccess: refresh,
  });
  return (
    <tr>
      <th scope="row">{invitation.email}</th>
      <td data-label="Role">{word(invitation.role)}</td>
      <td data-label="Status">{word(invitation.status)}</td>
      <td data-label="Sent">{invitation.emailSentAt ? format.dateTime(invitation.emailSentAt) : 'Not yet'}</td>
      <td data-label="Link works until">{format.dateTime(invitation.expiresAt)}</td>
      <td data-label="Actions">
        <div className="actions">
          <button type="button" className="button small secondary" disabled={resend.isPending} onClick={() => resend.mutate()} aria-label={`Send a new invitation to ${invitation.email}`}>
            Send again
          </button>
          {invitation.status === 'pending' && (
            <button type="button" className="button small secondary" disabled={revoke.isPending} onClick={() => revoke.mutate()} aria-label={`Withdraw the invitation to ${invitation.email}`}>
              Withdraw
            </button>
          )}
        </div>
        {(revoke.isError || resend.isError) && <ErrorMessage error={revoke.error ?? resend.error} />}
      </td>
    </tr>
  );
}

export function Invitations() {
  const invitations = useQuery(queries.invitations());
  return (
    <>
      <PageHeading>Invitations</PageHeading>
      <p>Invitations not yet accepted. “Send again” emails a new link and withdraws the old one; an expired invitation can be sent again too.</p>
      <QueryState query={invitations} what="Loading the invitations">
        {(list) => {
          const open = list.items.filter((i) => i.status === 'pending' || i.status === 'expired');
          return open.length === 0 ? (
            <Empty>No invitations are waiting.</Empty>
          ) : (
            <table className="stack-on-phone">
              <caption>Waiting invitations ({open.length})</caption>
              <thead>
                <tr>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Status</th>
                  <th scope="col">Sent</th>
                  <th scope="col">Link works until</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {open.map((i) => (
                  <InvitationRow key={i.id} invitation={i} />
                ))}
              </tbody>
            </table>
          );
        }}
      </QueryState>
      <InviteForm />
    </>
  );
}
