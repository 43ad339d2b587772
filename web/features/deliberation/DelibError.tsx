// A failed deliberation request as an alert in the reader's language: the module's field messages (written in
// English by the server) are looked up in the deliberation catalogue; anything else is shown as the server sent it.
import { ErrorAlert } from '../../components/ErrorAlert';
import { useT, type MessageKey } from '../../app/i18n';
import { ApiError } from '../../lib/api';

/** The server's English field messages of deliberation and the catalogue key of each. */
const KEYS: [RegExp, MessageKey][] = [
  [/^a proxy vote needs its written record/, 'delib.err.proxyRecord'],
  [/^proxy votes are for residents aged (\d+)/, 'delib.err.proxyAge'],
  [/^not a resident of this area$/, 'delib.err.notResident'],
  [/^proxies are by household$/, 'delib.err.proxyHousehold'],
  [/^this household or member has already voted$/, 'delib.err.alreadyVoted'],
  [/^not a member of this council$/, 'delib.err.notMember'],
  [/^already a member$/, 'delib.err.alreadyMember'],
  [/^a matter is passed up to a council above$/, 'delib.err.passUpAbove'],
  [/^unknown council$/, 'delib.err.unknownCouncil'],
  [/^not an open proposal of this council/, 'delib.err.notOpenProposal'],
  [/^not a pending matter of this council$/, 'delib.err.notPending'],
  [/^a council sits at a street, community, grid or estate$/, 'delib.err.councilPlace'],
  [/^not a recurrence rule/, 'delib.err.meetingRule'],
  [/^residents vote by household$/, 'delib.err.openToResidents'],
  [/^the vote is not open yet$/, 'delib.err.notOpen'],
  [/^the vote is closed$/, 'delib.err.closed'],
  [/^not a voter of this council$/, 'delib.err.notVoter'],
];

export function DelibError({ error }: { error: unknown }) {
  const t = useT();
  if (!(error instanceof ApiError) || !error.details.length) return <ErrorAlert error={error} />;
  const details = error.details.map((d) => {
    for (const [re, key] of KEYS) {
      const m = re.exec(d.message);
      if (m) return { ...d, message: t(key, { n: m[1] ?? '' }) };
    }
    return d;
  });
  return <ErrorAlert error={new ApiError(error.status, error.code, error.message, error.requestId, details)} />;
}
