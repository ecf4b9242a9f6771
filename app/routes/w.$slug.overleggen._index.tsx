// The workspace's meetings: komende and eerdere, each with its besluitenlijst and the state of its minutes.
import type { LoaderFunctionArgs, SerializeFrom } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requireAbility } from '../http/guards.server.ts';
import { allowed } from '../auth/policies/index.ts';
import { DataTable, Section } from '../components/ui/layout.tsx';
import { crumbs } from '../components/ui/breadcrumb.tsx';
import { MEETING_KIND_LABELS } from '../core/labels.ts';
import { listMeetings, type MeetingSummary } from '../features/meetings/meetings.server.ts';
import { minutesStatus, timeRange } from '../features/meetings/meeting-text.ts';
import { formatDate } from '../lib/time.ts';

export const handle = crumbs(() => ({ label: 'Overleggen' }));

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { workspace, actor, ref } = await requireAbility(context, request, params.slug, 'workspace.view');
  const { upcoming, past } = await listMeetings(context.db, workspace.id);
  return { upcoming, past, canCreate: allowed(actor, 'meeting.create', { workspace: ref }) };
}

function MeetingTable({ caption, meetings }: { caption: string; meetings: Array<SerializeFrom<MeetingSummary>> }) {
  return (
    <DataTable caption={caption} columns={['Datum', 'Overleg', 'Soort', 'Deelnemers', 'Besluiten', 'Verslag']}>
      {meetings.map((m) => (
        <tr key={m.id} className="utrecht-table__row" data-meeting={m.id}>
          <td className="utrecht-table__cell">
            {formatDate(m.date)}
            {m.startTime ? <span className="muted"> {timeRange(m)}</span> : null}
          </td>
          <td className="utrecht-table__cell">
            <Link to={m.id} className="utrecht-link">
              {m.title}
            </Link>
          </td>
          <td className="utrecht-table__cell">{MEETING_KIND_LABELS[m.kind]}</td>
          <td className="utrecht-table__cell">{m.participantCount}</td>
          <td className="utrecht-table__cell">{m.decisionCount}</td>
          <td className="utrecht-table__cell">{minutesStatus(m)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

export default function Meetings() {
  const { upcoming, past, canCreate } = useLoaderData<typeof loader>();
  return (
    <>
      <h2 className="utrecht-heading-2">Overleggen</h2>
      <p className="utrecht-paragraph">
        Het ambtelijk en bestuurlijk overleg en de adviesgroep: wie er was, wat er is besloten en of het verslag is vastgesteld.
        Van een besluit maakt u met één knop een actie.
      </p>
      {canCreate ? (
        <div className="button-row">
          <Link to="nieuw" className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action">
            Nieuw overleg
          </Link>
        </div>
      ) : null}
      <Section id="komende-overleggen" title="Komende overleggen">
        {upcoming.length > 0 ? (
          <MeetingTable caption="Komende overleggen" meetings={upcoming} />
        ) : (
          <p className="utrecht-paragraph">Er staat geen overleg gepland.</p>
        )}
      </Section>
      <Section id="eerdere-overleggen" title="Eerdere overleggen">
        {past.length > 0 ? (
          <MeetingTable caption="Eerdere overleggen" meetings={past} />
        ) : (
          <p className="utrecht-paragraph">Er zijn nog geen eerdere overleggen.</p>
        )}
      </Section>
    </>
  );
}
