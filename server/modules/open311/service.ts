// Open311 reads: jurisdiction, discovery, services from the category tree, service definitions, requests and tokens.
import { and, eq, gte, inArray, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Open311RequestsQuery } from '../../../contracts/open311';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { AppError, type Lang } from '../../platform/errors';
import { caseRepo, type CaseListRow, type CategoryRow, cases } from '../cases';
import { open311Repo } from './repo';
import { caseStatusesFor, type Open311Status } from './statuses';
import { attributesOf, requestOf, serviceOf } from './view';

const DAY_MS = 86_400_000;
export const MAX_WINDOW_DAYS = 90;
export const MAX_REQUESTS = 1000;
/** When the service list or the API last changed in a way clients should notice. */
const CHANGESET = '2026-11-22T00:00:00+08:00';

export type Open311Options = { jurisdictionId?: string; contact?: string };

const bad = (description: string) => new AppError('bad_request', undefined, undefined, description);

/** A date parameter; a date alone is the start (or, for an end, the end) of that China day; no offset means +08:00. */
function parseDate(s: string, end: boolean): Date {
  const full = s.length === 10 ? `${s}T${end ? '23:59:59.999' : '00:00:00'}` : s;
  const withOffset = /(Z|[+-]\d{2}:?\d{2})$/.test(full) ? full : `${full}+08:00`;
  const d = new Date(withOffset);
  if (Number.isNaN(d.getTime())) throw bad(`${end ? 'end_date' : 'start_date'} is not a valid date-time`);
  return d;
}

export function createOpen311Service(deps: { db: Db; clock: Clock; options: Open311Options }) {
  const { db, clock, options } = deps;

  async function district() {
    const d = (await open311Repo.districts(db))[0];
    if (!d) throw new AppError('unavailable');
    return { ...d, jurisdictionId: options.jurisdictionId ?? d.code };
  }

  async function categories() {
    const all = await caseRepo.categories(db);
    const classes = new Map(all.filter((c) => !c.parentCode).map((c) => [c.code, c]));
    const subs = all.filter((c) => c.parentCode && c.active && classes.get(c.parentCode)?.active !== false);
    return { classes, subs };
  }

  async function service(code: string): Promise<CategoryRow> {
    const { subs } = await categories();
    const c = subs.find((x) => x.code === code);
    if (!c) throw new AppError('not_found', undefined, undefined, `service_code ${code} was not found`);
    return c;
  }

  async function views(rows: CaseListRow[], lang: Lang) {
    const ids = rows.map((r) => r.id);
    const [notes, media, all] = await Promise.all([
      open311Repo.publicNotes(db, ids),
      open311Repo.mediaUrls(db, ids),
      caseRepo.categories(db),
    ]);
    const byCode = new Map(all.map((c) => [c.code, c]));
    return rows.map((r) =>
      requestOf(r, {
        sensitive: byCode.get(r.categoryCode)?.sensitive ?? false,
        note: notes.get(r.id) ?? null,
        mediaUrl: media.get(r.id) ?? null,
        lang,
        categoryNameEn: byCode.get(r.categoryCode)?.nameEn ?? null,
      }),
    );
  }

  return {
    district,
    service,

    /**
     * The only jurisdiction served is the configured one (default: the district's code); absent means that one.
     * An unknown one is 404 where the spec names 404 for it (services, service definitions) and 400 elsewhere.
     */
    async checkJurisdiction(given: string | undefined, unknownStatus: 400 | 404) {
      if (!given) return;
      const d = await district();
      if (given === d.jurisdictionId) return;
      const description = `jurisdiction_id ${given} was not found`;
      throw unknownStatus === 404 ? new AppError('not_found', undefined, undefined, description) : bad(description);
    },

    async discovery(baseUrl: string) {
      return {
        changeset: CHANGESET,
        contact: options.contact ?? '请联系区网格化服务管理中心 / Contact the district grid management centre',
        key_service:
          '由区管理员在“Open311 接口密钥”页面签发 / Issued by the district administrator (Open311 API keys page)',
        endpoints: [
          {
            specification: 'http://wiki.open311.org/GeoReport_v2',
            url: `${baseUrl}/open311/v2`,
            changeset: CHANGESET,
            type: 'production',
            formats: ['application/json', 'text/xml'],
          },
        ],
      };
    },

    async services(lang: Lang) {
      const { classes, subs } = await categories();
      return subs.map((c) => serviceOf(c, classes.get(c.parentCode!), lang));
    },

    async definition(code: string, lang: Lang) {
      const c = await service(code);
      return { service_code: c.code, attributes: attributesOf(c, lang) };
    },

    /** GET requests: public fields of the district's cases; service_request_id overrides every other filter. */
    async list(q: z.infer<typeof Open311RequestsQuery>, lang: Lang) {
      const d = await district();
      const where: SQL[] = [sql`${cases.nodePath} like ${d.path + '%'}`];
      if (q.service_request_id) {
        const numbers = [
          ...new Set(
            q.service_request_id
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
          ),
        ];
        if (numbers.length > 100) throw bad('at most 100 service_request_id values at once');
        if (!numbers.length) return [];
        where.push(inArray(cases.number, numbers));
      } else {
        const now = clock.now();
        let start = q.start_date ? parseDate(q.start_date, false) : null;
        let end = q.end_date ? parseDate(q.end_date, true) : null;
        if (!start && !end) end = now;
        if (!start) start = new Date(end!.getTime() - MAX_WINDOW_DAYS * DAY_MS);
        if (!end) end = new Date(start.getTime() + MAX_WINDOW_DAYS * DAY_MS);
        if (end < start) throw bad('end_date is before start_date');
        if (end.getTime() - start.getTime() > MAX_WINDOW_DAYS * DAY_MS)
          throw bad(`start_date and end_date may not span more than ${MAX_WINDOW_DAYS} days`);
        where.push(gte(cases.createdAt, start), lte(cases.createdAt, end));
        if (q.service_code) where.push(eq(cases.categoryCode, q.service_code));
        if (q.status) {
          const wanted = new Set(q.status.split(',') as Open311Status[]);
          if (wanted.size === 1) {
            const [s] = [...wanted];
            const statuses = caseStatusesFor(s!);
            // A merged duplicate reads as closed whatever its own status.
            where.push(
              s === 'open'
                ? and(inArray(cases.status, statuses), isNull(cases.mergedInto))!
                : or(inArray(cases.status, statuses), isNotNull(cases.mergedInto))!,
            );
          }
        }
      }
      const rows = (await caseRepo.list(db, where, { beforeId: null, limit: MAX_REQUESTS })).slice(0, MAX_REQUESTS);
      return views(rows, lang);
    },

    /** GET requests/{id}: an array of one, or 404. */
    async get(number: string, lang: Lang) {
      const d = await district();
      const rows = await caseRepo.list(db, [eq(cases.number, number), sql`${cases.nodePath} like ${d.path + '%'}`], {
        beforeId: null,
        limit: 1,
      });
      if (!rows.length)
        throw new AppError('not_found', undefined, undefined, `service_request_id ${number} was not found`);
      return views(rows.slice(0, 1), lang);
    },

    async token(token: string) {
      const r = await open311Repo.requestByToken(db, token);
      const c = r ? await caseRepo.byId(db, r.caseId) : null;
      if (!r || !c) throw new AppError('not_found', undefined, undefined, `token ${token} was not found`);
      return [{ service_request_id: c.number, token: r.token }];
    },
  };
}
export type Open311Service = ReturnType<typeof createOpen311Service>;
