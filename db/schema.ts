import type { Generated, Insertable, Selectable } from 'kysely';

// Times are UTC ISO-8601 strings; dates (due dates) are YYYY-MM-DD.

export type OrganisationKind = 'gemeente' | 'provincie' | 'corporatie' | 'zorgpartij' | 'overig';
export type WorkspaceKind = 'regio' | 'gemeente';
export type Role = 'projectleider' | 'redacteur' | 'commentator' | 'lezer';
export type StepStatus = 'niet_gestart' | 'bezig' | 'ter_review' | 'afgerond';

export interface OrganisationsTable {
  id: string;
  name: string;
  kind: OrganisationKind;
  created_at: string;
}

export interface UsersTable {
  id: string;
  email: string; // always lower case
  name: string;
  password_hash: string | null; // null until the user sets a password
  is_admin: number; // 0 | 1: the global beheerder flag
  organisation_id: string | null;
  created_at: string;
  disabled_at: string | null;
  email_notifications: Generated<number>; // 0 | 1: notifications also by e-mail (when SMTP is set up)
}

export interface SessionsTable {
  id: string; // SHA-256 of the token in the cookie, hex; the token itself is never stored
  user_id: string;
  created_at: string;
  expires_at: string;
  user_agent: string | null;
}

export interface WorkspacesTable {
  id: string;
  slug: string;
  name: string;
  kind: WorkspaceKind;
  cbs_code: string | null;
  parent_id: string | null; // a gemeente's region
  created_at: string;
}

export interface MembershipsTable {
  user_id: string;
  workspace_id: string;
  role: Role;
  created_at: string;
}

export interface StepsTable {
  id: string;
  workspace_id: string;
  number: number; // 1..4
  status: StepStatus;
  owner_id: string | null;
  due_date: string | null;
  note: string;
  updated_at: string;
  updated_by: string | null;
}

export interface InvitationsTable {
  id: string;
  token_hash: string;
  email: string;
  workspace_id: string;
  role: Role;
  invited_by: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  accepted_by: string | null;
  revoked_at: string | null;
}

export interface PasswordTokensTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: string | null;
  workspace_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  details: string; // JSON
}

export type DocumentStatus = 'concept' | 'ter_review' | 'vastgesteld';

export interface DocumentsTable {
  id: string; // also the name of its Yjs document
  workspace_id: string;
  step: number; // 1..4
  title: string;
  status: DocumentStatus;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
  snapshot: Uint8Array | null; // the compacted Yjs state; newer updates are in document_updates
  snapshot_at: string | null;
}

export interface DocumentUpdatesTable {
  id: Generated<number>;
  document_id: string;
  data: Uint8Array;
  created_at: string;
}

export interface DocumentVersionsTable {
  id: string;
  document_id: string;
  name: string;
  state: Uint8Array; // the whole Yjs state at that moment; never changed
  created_by: string | null;
  created_at: string;
}

export type ThreadStatus = 'open' | 'afgehandeld';
/** What a thread is about: a range of a document, or a record (an action, later). */
export type CommentSubjectType = 'document' | 'actie';
export type CommentDecision = 'overgenomen' | 'deels_overgenomen' | 'niet_overgenomen' | 'kennisgenomen';
export type ReviewRoundStatus = 'open' | 'gesloten';

export interface CommentThreadsTable {
  id: string;
  workspace_id: string;
  subject_type: CommentSubjectType;
  subject_id: string;
  anchor_start: string | null; // base64 of an encoded Y.RelativePosition; null for a comment on the whole subject
  anchor_end: string | null;
  quote: string; // the anchored words when the thread was opened, read from the document by the server
  status: ThreadStatus;
  resolved_by: string | null;
  resolved_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface CommentsTable {
  id: string;
  thread_id: string;
  author_id: string | null;
  body: string;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
  hidden_at: string | null;
  hidden_by: string | null;
  review_round_id: string | null; // set when an invitee commented while the round was open
  decision: CommentDecision | null;
  decision_note: string | null;
  decided_by: string | null;
  decided_at: string | null;
}

export interface CommentMentionsTable {
  comment_id: string;
  user_id: string;
}

export type NotificationKind = 'vermelding' | 'reactie' | 'ronde_uitnodiging' | 'ronde_herinnering' | 'ronde_gesloten';

export interface NotificationsTable {
  id: string;
  user_id: string;
  workspace_id: string;
  kind: NotificationKind;
  actor_id: string | null;
  text: string;
  url: string;
  created_at: string;
  read_at: string | null;
  emailed_at: string | null;
}

export interface ReviewRoundsTable {
  id: string;
  workspace_id: string;
  document_id: string;
  version_id: string;
  title: string;
  deadline: string; // YYYY-MM-DD, the last day to respond
  status: ReviewRoundStatus;
  opened_by: string | null;
  opened_at: string;
  closed_by: string | null;
  closed_at: string | null;
  reminded_at: string | null;
}

export interface ReviewRoundInviteesTable {
  id: Generated<number>;
  round_id: string;
  user_id: string | null;
  organisation_id: string | null;
}

export type IndicatorUnit = 'aantal' | 'procent' | 'euro' | 'per_1000';
export type ImportKind = 'cbs' | 'csv';
export type ImportStatus = 'voorbeeld' | 'verwerkt' | 'verworpen';
export type KnelpuntLevel = 'lokaal' | 'regionaal';
export type KnelpuntStatus = 'open' | 'in_aanpak' | 'opgelost';

export interface TargetGroupsTable {
  id: string;
  name: string;
  description: string;
  position: number;
  created_at: string;
}

export interface IndicatorsTable {
  id: string; // a stable key: 'bevolking', 'statushouders'
  name: string;
  unit: IndicatorUnit;
  target_group_id: string | null;
  definition: string;
  source: string; // where the figure usually comes from, as a reader would name it
  is_count: number; // 0 | 1: counts of people get small-number protection and a figure per 1,000 inhabitants
  small_threshold: number; // counts below this show as "< n" outside the gemeente's own members
  created_at: string;
}

export interface DataImportsTable {
  id: string;
  workspace_id: string;
  kind: ImportKind;
  source: string; // e.g. 'CBS 70072ned', 'Provinciale monitor'
  detail: string; // the table or the file name
  definition: string;
  status: ImportStatus;
  payload: string | null; // the parsed rows (JSON) while the import waits for confirmation
  summary: string; // JSON: what changed
  rows: number;
  cbs_link: string | null; // JSON CbsLink[]: for a CBS import, what each indicator's figures are at CBS
  refresh_id: string | null; // the refresh (actualiseren) this preview is part of
  created_by: string | null;
  created_at: string;
  applied_at: string | null;
}

export type RefreshStatus = 'voorbeeld' | 'verwerkt' | 'verworpen';

export interface CbsRefreshesTable {
  id: string;
  workspace_id: string;
  status: RefreshStatus;
  problems: string; // JSON string[]: indicators the refresh could not refresh, in Dutch
  created_by: string | null;
  created_at: string;
  decided_at: string | null;
}

export interface ObservationsTable {
  id: Generated<number>;
  indicator_id: string;
  workspace_id: string; // the gemeente
  period: string; // a year: '2023'
  value: number;
  source: string;
  import_id: string;
  imported_by: string; // the workspace whose import put it in: its figures are its own
  peildatum: string | null; // the source's own name of the moment: '2023 januari'
  status: string | null; // CBS: 'Voorlopig', 'Definitief'…
}

/** The source the monitor shows for an indicator, as the region chose it (absent: the default order). */
export interface IndicatorSourcesTable {
  region_id: string;
  indicator_id: string;
  source: string;
  chosen_by: string | null;
  chosen_at: string;
}

export interface KnelpuntenTable {
  id: string;
  workspace_id: string;
  target_group_id: string;
  level: KnelpuntLevel;
  title: string;
  description: string;
  status: KnelpuntStatus;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface KnelpuntIndicatorsTable {
  knelpunt_id: string;
  indicator_id: string;
}

export interface CbsCacheTable {
  url: string;
  body: string;
  fetched_at: string;
}

/** Raised by triggers on every write to the tables of one kind of data (migration 0007). */
export interface DataVersionsTable {
  name: 'analysis' | 'dashboard';
  version: number;
}

export type ActionLevel = 'regionaal' | 'lokaal';
export type ActionStatus = 'voorstel' | 'besloten' | 'in_uitvoering' | 'gereed' | 'vervallen';
export type ActionPriority = 'hoog' | 'normaal' | 'laag';
export type MeetingKind = 'ambtelijk_overleg' | 'bestuurlijk_overleg' | 'adviesgroep';

/** An advised action (step 3): owned by someone, answering knelpunten, coming from a heading of the plan. */
export interface ActionsTable {
  id: string;
  workspace_id: string;
  title: string;
  description: string;
  level: ActionLevel;
  owner_organisation_id: string | null;
  owner_user_id: string | null;
  target_group_id: string | null;
  document_id: string | null; // the plan it comes from
  heading: string | null; // the text of the plan's heading it comes from
  due_date: string | null; // YYYY-MM-DD
  priority: ActionPriority;
  status: ActionStatus;
  progress: number; // 0..100
  woondeal_id: string | null;
  meeting_id: string | null; // the meeting where it was decided
  created_by: string | null;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
}

export interface ActionKnelpuntenTable {
  action_id: string;
  knelpunt_id: string;
}

/** A voortgangsbericht: who said what when, with the progress or status it set. */
export interface ActionUpdatesTable {
  id: string;
  action_id: string;
  author_id: string | null;
  body: string;
  progress: number | null;
  status: ActionStatus | null;
  created_at: string;
}

export interface ChecklistItemsTable {
  id: string;
  workspace_id: string;
  step: number; // 1..4
  position: number;
  text: string;
  document_id: string | null; // the plan that covers it …
  heading: string | null; // … under this heading
  checked_at: string | null;
  checked_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface MeetingsTable {
  id: string;
  workspace_id: string;
  kind: MeetingKind;
  title: string;
  date: string; // YYYY-MM-DD
  start_time: string | null; // HH:MM, Dutch local time
  end_time: string | null;
  location: string;
  agenda_document_id: string | null;
  minutes: string;
  adopted_at: string | null; // minutes vastgesteld: read-only from then on
  adopted_by: string | null;
  adopted_in_meeting_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface MeetingParticipantsTable {
  meeting_id: string;
  user_id: string;
}

/** One line of a meeting's besluitenlijst. */
export interface MeetingDecisionsTable {
  id: string;
  meeting_id: string;
  position: number;
  text: string;
  owner_user_id: string | null;
  due_date: string | null;
  action_id: string | null; // the action made from it
  created_by: string | null;
  created_at: string;
}

/** A woondeal agreement of a region, with its target figures. */
export interface WoondealsTable {
  id: string;
  workspace_id: string; // the region
  name: string;
  source_document: string;
  signed_on: string | null;
  target_homes: number | null;
  target_year: number | null;
  share_social: number | null; // per cent
  share_middle: number | null;
  share_expensive: number | null;
  note: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** A user's secret iCalendar address: only its SHA-256 is kept. */
export interface CalendarFeedsTable {
  user_id: string;
  token_hash: string;
  created_at: string;
}

/** Since when the dashboard shows "what changed" to this user: their previous visit. */
export interface DashboardVisitsTable {
  user_id: string;
  workspace_id: string;
  since: string;
  last_seen_at: string;
}

export interface Database {
  actions: ActionsTable;
  action_knelpunten: ActionKnelpuntenTable;
  action_updates: ActionUpdatesTable;
  checklist_items: ChecklistItemsTable;
  meetings: MeetingsTable;
  meeting_participants: MeetingParticipantsTable;
  meeting_decisions: MeetingDecisionsTable;
  woondeals: WoondealsTable;
  calendar_feeds: CalendarFeedsTable;
  dashboard_visits: DashboardVisitsTable;
  data_versions: DataVersionsTable;
  target_groups: TargetGroupsTable;
  indicators: IndicatorsTable;
  data_imports: DataImportsTable;
  observations: ObservationsTable;
  indicator_sources: IndicatorSourcesTable;
  knelpunten: KnelpuntenTable;
  knelpunt_indicators: KnelpuntIndicatorsTable;
  cbs_cache: CbsCacheTable;
  cbs_refreshes: CbsRefreshesTable;
  comment_threads: CommentThreadsTable;
  comments: CommentsTable;
  comment_mentions: CommentMentionsTable;
  notifications: NotificationsTable;
  review_rounds: ReviewRoundsTable;
  review_round_invitees: ReviewRoundInviteesTable;
  documents: DocumentsTable;
  document_updates: DocumentUpdatesTable;
  document_versions: DocumentVersionsTable;
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  workspaces: WorkspacesTable;
  memberships: MembershipsTable;
  steps: StepsTable;
  invitations: InvitationsTable;
  password_tokens: PasswordTokensTable;
  audit_log: AuditLogTable;
}

export type User = Selectable<UsersTable>;
export type Workspace = Selectable<WorkspacesTable>;
export type Step = Selectable<StepsTable>;
export type Organisation = Selectable<OrganisationsTable>;
export type NewAuditEntry = Insertable<AuditLogTable>;
