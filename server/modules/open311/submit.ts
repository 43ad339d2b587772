// POST requests: turns an Open311 form into one case through the shared intake, as the client's service account.
import { randomUUID } from 'node:crypto';
import { IntakeBody } from '../../../contracts/cases';
import type { Open311PostForm } from '../../../contracts/open311';
import type { AuditContext } from '../../platform/audit/service';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { AppError, type Lang } from '../../platform/errors';
import { caseRepo, type Intake } from '../cases';
import { clientActor } from './policy';
import { open311Repo, type PlaceRow } from './repo';
import type { Open311Service } from './service';

const bad = (description: string) => new AppError('bad_request', undefined, undefined, description);

/** The grid of a territory node at or below grid level: paths run district/street/community/grid/… */
function gridOf(place: PlaceRow, districtPath: string): number {
  const ids = place.path.split('/').filter(Boolean);
  if (!place.path.startsWith(districtPath) || ids.length < 4)
    throw bad('address_id is not a grid or an address inside one');
  return Number(ids[3]);
}

export type Client = { id: number; userId: number; username: string; displayName: string };

export function createSubmitter(deps: { db: Db; clock: Clock; intake: Intake; open311: Open311Service }) {
  const { db, clock, intake, open311 } = deps;

  /** Where the report is: a point goes to the intake as is; an address is placed in a grid from the territory tree. */
  async function place(
    form: Open311PostForm,
    districtPath: string,
  ): Promise<{ location?: { lat: number; lng: number }; gridId?: number }> {
    if ((form.lat == null) !== (form.long == null)) throw bad('lat and long must be given together');
    if (form.lat != null && form.long != null) return { location: { lat: form.lat, lng: form.long } };
    if (form.address_id) {
      const p = await open311Repo.placeByCode(db, form.address_id);
      if (!p) throw bad(`address_id ${form.address_id} is not known`);
      return { gridId: gridOf(p, districtPath) };
    }
    if (form.address_string) {
      const p = await open311Repo.placeByAddress(db, form.address_string);
      if (!p || p.kind === 'district') throw bad('address_string names no estate or grid we know; send lat and long');
      return { gridId: gridOf(p, districtPath) };
    }
    throw bad('a location is required: lat and long, address_string or address_id');
  }

  return {
    async submit(
      client: Client,
      ctx: AuditContext,
      form: Open311PostForm,
      attributes: Record<string, string>,
      idempotencyKey: string | undefined,
      lang: Lang,
    ) {
      const category = await open311.service(form.service_code);
      const d = await open311.district();
      const where = await place(form, d.path);
      if (category.requiredFields.includes('photos') && !form.media_url)
        throw bad(`service ${category.code} needs a photo: give media_url`);
      // No service defines a variable attribute yet, so none is required; unknown attribute codes are ignored.
      void attributes;
      const token = randomUUID();
      const name = [form.last_name, form.first_name].filter(Boolean).join('') || undefined;
      const parsed = IntakeBody.safeParse({
        channel: 'resident',
        categoryCode: category.code,
        // GeoReport allows no description; the intake needs one, so the service name stands in.
        description: form.description ?? category.name,
        ...where,
        address: form.address_string,
        reporterName: name,
        reporterPhone: form.phone,
        externalRef: token,
      });
      if (!parsed.success)
        throw bad(
          parsed.error.issues.map((i) => `${FIELD[String(i.path[0])] ?? String(i.path[0])}: ${i.message}`).join('; '),
        );
      // The e-mail, device and account ids are not kept: a case has no place for them and we keep no personal data we do not use.
      const r = await intake.intake(clientActor(client, d), ctx, parsed.data, idempotencyKey);
      const c = (await caseRepo.byId(db, r.id))!;
      let row = await open311Repo.requestByCase(db, r.id);
      if (!row) {
        // A first submission, or a retry whose first try stopped between the case and this row: the case's externalRef is the token.
        await open311Repo.insertRequest(db, {
          caseId: r.id,
          apiKeyId: client.id,
          token: c.externalRef ?? token,
          mediaUrl: form.media_url ?? null,
          createdAt: clock.now(),
        });
        row = (await open311Repo.requestByCase(db, r.id))!;
      }
      const notice =
        lang === 'en'
          ? `Received as case ${c.number}; follow it with this number.`
          : `已受理，编号 ${c.number}，可凭编号查询办理进度。`;
      return { created: r.created, body: [{ service_request_id: c.number, token: row.token, service_notice: notice }] };
    },
  };
}
export type Submitter = ReturnType<typeof createSubmitter>;

/** Intake field names back in Open311's words, for error descriptions. */
const FIELD: Record<string, string> = {
  description: 'description',
  reporterName: 'first_name/last_name',
  reporterPhone: 'phone',
  address: 'address_string',
  location: 'lat/long',
};
