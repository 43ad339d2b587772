// Demo data of the service hall: the default catalogue switched on in every community, the first community's duty
// lists, the demo resident in the registry, and a few applications in different states (one a proxy errand, two booked
// at the hall: one on the first open day from today, one on the next).
import { eq, sql } from 'drizzle-orm';
import { hashPassword } from '../platform/auth/password';
import type { PersonalCrypto } from '../platform/crypto';
import { rows, type Db } from '../platform/db';
import { organisationRepo } from '../modules/organisations/repo';
import { userRepo } from '../modules/users/repo';
import { userPhoneColumns } from '../modules/users/phone';
import { DEMO_PASSWORD } from './demo';
import { seedServiceCatalogue } from '../modules/services';
import {
  dutyEntries,
  serviceApplications,
  serviceEvents,
  serviceItems,
  serviceAppointments,
  serviceMaterials,
  serviceSwitches,
} from '../modules/services/tables';
import { residents } from '../modules/people/tables';
type Node = { id: number; path: string };

const DAY = 86_400_000;
const CHINA = 8 * 3_600_000;

/**
 * Kept apart from seedDemo (run after it at first start, and by the tests and journeys that need it) so the demo
 * district's other figures (organisations, accounts, residents) stay as the other tests know them. Adds the
 * social-security and medical-insurance bureaus and the civil affairs bureau's handler `civil1`.
 */
export async function seedServiceDemo(db: Db, crypto: PersonalCrypto): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const [district] = await rows<Node>(
      tx,
      sql`select id, path from territory_nodes where kind = 'district' order by id limit 1`,
    );
    for (const name of ['示范区人力资源和社会保障局', '示范区医疗保障局'])
      await organisationRepo.insert(tx, { kind: 'department', name, nodeId: district!.id, contactName: '值班室' });
    const [civil] = await rows<{ id: number }>(tx, sql`select id from organisations where name = '示范区民政局'`);
    const u = await userRepo.insert(tx, {
      username: 'civil1',
      displayName: '民政局 钱悦',
      ...userPhoneColumns(crypto, '13900000099'),
      passwordHash,
    });
    await userRepo.replaceBindings(tx, u.id, [{ role: 'department_handler', nodeId: null, organisationId: civil!.id }]);
    const [resident] = await rows<{ id: number; node_id: number }>(
      tx,
      sql`select u.id, b.node_id from users u join role_bindings b on b.user_id = u.id where u.username = 'resident1'`,
    );
    const communities = await rows<Node>(
      tx,
      sql`select id, path from territory_nodes where kind = 'community' order by id`,
    );
    const households = await rows<Node>(tx, sql`select id, path from territory_nodes where id = ${resident!.node_id}`);
    const d = {
      communities,
      households,
      residentUserId: resident!.id,
      workerName: '社区工作者 王芳',
      civilId: civil!.id,
    };
    await seedServiceCatalogue(tx);
    const items = await tx.select().from(serviceItems);
    for (const c of d.communities)
      await tx.insert(serviceSwitches).values(items.map((i) => ({ nodeId: c.id, itemCode: i.code, enabled: true })));
    const first = d.communities[0]!;
    await tx.insert(dutyEntries).values([
      { nodeId: first.id, list: 'own', matter: '居民基本信息采集与更新', itemCode: null },
      { nodeId: first.id, list: 'own', matter: '困难群众认定初审', itemCode: 'hardship_cert' },
      { nodeId: first.id, list: 'assist', matter: '协助办理最低生活保障申请', itemCode: 'dibao' },
      { nodeId: first.id, list: 'assist', matter: '协助城乡居民医保参保', itemCode: 'medical_enrol' },
      { nodeId: first.id, list: 'negative', matter: '出具无犯罪记录证明（公安机关职责）', itemCode: 'no_crime_cert' },
      { nodeId: first.id, list: 'negative', matter: '违法建设行政处罚', itemCode: null },
    ]);
    const home = d.households[0]!;
    const [r] = await tx
      .insert(residents)
      .values({
        name: '陈晨',
        namePinyin: 'chenchen',
        nameInitials: 'cc',
        idKind: 'none',
        noIdReason: '演示数据',
        sex: 'female',
        birthDate: '1958-05-01',
        residenceType: 'registered',
        householdNodeId: home.id,
        nodePath: home.path,
        tags: ['low_income'],
        userId: d.residentUserId,
      })
      .returning();
    const now = Date.now();
    const demo: {
      item: string;
      status: string;
      channel: string;
      daysAgo: number;
      org?: number;
      rating?: number;
      custody?: boolean;
    }[] = [
      { item: 'temp_relief', status: 'submitted', channel: 'online', daysAgo: 1 },
      { item: 'elderly_card', status: 'needs_material', channel: 'online', daysAgo: 3 },
      { item: 'dibao', status: 'forwarded', channel: 'proxy', daysAgo: 6, org: d.civilId, custody: true },
      { item: 'medical_enrol', status: 'approved', channel: 'door', daysAgo: 12, rating: 5 },
      { item: 'residence_cert', status: 'issued', channel: 'online', daysAgo: 20, rating: 4 },
    ];
    for (const [i, x] of demo.entries()) {
      const at = new Date(now - x.daysAgo * DAY);
      const closed = ['approved', 'issued'].includes(x.status);
      const [a] = await tx
        .insert(serviceApplications)
        .values({
          number: `FW${at.toISOString().slice(0, 10).replace(/-/g, '')}D${String(i + 1).padStart(5, '0')}`,
          itemCode: x.item,
          nodeId: first.id,
          nodePath: home.path,
          residentId: r!.id,
          applicantUserId: d.residentUserId,
          applicantName: '陈晨',
          submittedByUserId: d.residentUserId,
          submittedByName: x.channel === 'online' ? '居民 陈晨' : d.workerName,
          onBehalf: x.channel !== 'online',
          channel: x.channel,
          status: x.status,
          organisationId: x.org ?? null,
          dueAt: new Date(at.getTime() + 10 * DAY),
          closedAt: closed ? new Date(at.getTime() + 2 * DAY) : null,
          closedOnTime: closed ? true : null,
          rating: x.rating ?? null,
          createdAt: at,
          updatedAt: at,
        })
        .returning();
      const [item] = await tx.select().from(serviceItems).where(eq(serviceItems.code, x.item));
      await tx.insert(serviceMaterials).values(
        item!.materials.map((m, j) => ({
          applicationId: a!.id,
          code: m.code,
          name: m.name,
          status: x.status === 'needs_material' && j === 0 ? 'more_needed' : closed ? 'accepted' : 'pending',
          reason: x.status === 'needs_material' && j === 0 ? '照片模糊，请重新拍摄身份证正反面' : null,
        })),
      );
      await tx.insert(serviceEvents).values({
        applicationId: a!.id,
        at,
        actorId: d.residentUserId,
        actorName: '居民 陈晨',
        action: 'apply',
        toStatus: 'submitted',
        data: { channel: x.channel },
      });
      if (x.custody)
        await tx.insert(serviceEvents).values([
          {
            applicationId: a!.id,
            at,
            actorName: d.workerName,
            action: 'custody',
            data: { step: 'received', party: '陈晨' },
          },
          {
            applicationId: a!.id,
            at: new Date(at.getTime() + DAY),
            actorName: d.workerName,
            action: 'custody',
            data: { step: 'handed_over', party: '区民政局窗口' },
          },
        ]);
    }

    // Two hall appointments (预约到厅) in the default hours: the first open day from today at 15:00 (the staff's
    // "today" when today is a working day), and the next open day at 09:30. Open days follow the calendar if seeded.
    const overrides = new Map(
      (await rows<{ date: string; workday: boolean }>(tx, sql`select date, workday from calendar_days`)).map((c) => [
        c.date,
        c.workday,
      ]),
    );
    const openDays: string[] = [];
    for (let ms = now + CHINA, i = 0; openDays.length < 2 && i < 40; ms += DAY, i++) {
      const date = new Date(ms).toISOString().slice(0, 10);
      const weekday = new Date(ms).getUTCDay();
      if (overrides.get(date) ?? (weekday >= 1 && weekday <= 5)) openDays.push(date);
    }
    for (const [j, h] of [
      { item: 'residence_cert', date: openDays[0]!, time: '15:00' },
      { item: 'job_referral', date: openDays[1]!, time: '09:30' },
    ].entries()) {
      const at = new Date(now - (j + 1) * 3_600_000);
      const startsAt = new Date(`${h.date}T${h.time}:00+08:00`);
      const [a] = await tx
        .insert(serviceApplications)
        .values({
          number: `FW${at.toISOString().slice(0, 10).replace(/-/g, '')}H${String(j + 1).padStart(5, '0')}`,
          itemCode: h.item,
          nodeId: first.id,
          nodePath: home.path,
          residentId: r!.id,
          applicantUserId: d.residentUserId,
          applicantName: '陈晨',
          submittedByUserId: d.residentUserId,
          submittedByName: '居民 陈晨',
          channel: 'hall',
          status: 'submitted',
          dueAt: new Date(startsAt.getTime() + 5 * DAY),
          createdAt: at,
          updatedAt: at,
        })
        .returning();
      const [item] = await tx.select().from(serviceItems).where(eq(serviceItems.code, h.item));
      await tx
        .insert(serviceMaterials)
        .values(item!.materials.map((m) => ({ applicationId: a!.id, code: m.code, name: m.name })));
      await tx.insert(serviceEvents).values({
        applicationId: a!.id,
        at,
        actorId: d.residentUserId,
        actorName: '居民 陈晨',
        action: 'apply',
        toStatus: 'submitted',
        data: { channel: 'hall', appointmentAt: startsAt.toISOString(), seat: 1 },
      });
      await tx.insert(serviceAppointments).values({
        nodeId: first.id,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 30 * 60_000),
        seat: 1,
        applicationId: a!.id,
        bookedByUserId: d.residentUserId,
        createdAt: at,
      });
    }
  });
}
