// The time bank's verbs: awards from other modules' jobs (priced by the community's rule, once per key), the holder's
// statement, redemptions in the shop (points and stock in one transaction, once per client key, from any community of
// the holder's district: 通存通兑), household pooling, reversals, expiry and the proof; the staff's grants (grants.ts),
// shop items (items.ts) and rules (rules.ts) are joined in here.
import { sql } from 'drizzle-orm';
import type {
  MyPoints,
  PointsAward,
  ProofResult,
  RedeemBody,
  Redemption,
  ShopItem,
  TransferBody,
} from '../../../contracts/points';
import { RedeemBody as RedeemSchema } from '../../../contracts/points';
import type { AuditContext } from '../../platform/audit/service';
import type { PlatformDeps } from '../../platform/deps';
import type { Exec } from '../../platform/db';
import { AppError, fieldError } from '../../platform/errors';
import { can, canAnywhere, scope, type Actor } from '../../platform/policy';
import { recordNotice } from '../notifications';
import { credit, price, ruleOf } from './credit';
import { createGrants } from './grants';
import { createItems, toItem } from './items';
import { pointsPolicy } from './policy';
import { pointsRepo, type Leg } from './repo';
import { createRules } from './rules';

type Deps = Pick<PlatformDeps, 'db' | 'clock' | 'audit'>;

export { DEFAULT_RULE, price } from './credit';

const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());
const districtId = (path: string | null) => (path ? Number(path.split('/').filter(Boolean)[0]) : null);

export function createPointsService(deps: Deps) {
  const { db, clock, audit } = deps;

  /** The districts the actor belongs to (通存通兑: a holder redeems in any community of these). */
  const districtsOf = (actor: Actor) => new Set(actor.bindings.map((b) => districtId(b.path)).filter((x) => x != null));

  async function proveNow() {
    const p = await pointsRepo.prove(db);
    const ok = p.total === 0 && p.mismatched.length === 0 && p.unbalancedMovements.length === 0;
    const at = clock.now();
    return db.transaction(async (tx) => {
      const id = await pointsRepo.saveProof(tx, { at, ok, ...p });
      if (!ok) {
        // An alert: every district's administrators hear of it, and the audit log keeps what was found.
        for (const d of await pointsRepo.districts(tx)) {
          await tx.execute(
            recordNotice(
              { path: d.path, roles: ['district_admin'] },
              { kind: 'points_proof_failed', title: `积分账本核对未通过（第${id}次核对）`, createdAt: at },
              null,
            ),
          );
          await audit.record(
            tx,
            { actorId: null, actorName: '积分账本夜间核对', requestId: null },
            {
              action: 'points.proof_failed',
              entityKind: 'points_proof',
              entityId: id,
              nodeId: d.id,
              after: {
                total: p.total,
                mismatched: p.mismatched.slice(0, 20),
                unbalancedMovements: p.unbalancedMovements.slice(0, 20),
              },
            },
          );
        }
      }
      return { id, at: at.toISOString(), ok, ...p } satisfies ProofResult;
    });
  }

  return {
    ...createGrants(deps),
    ...createItems(deps),
    ...createRules(deps),
    price,
    ruleOf: (communityId: number) => ruleOf(db, communityId),

    /** The handler of POINTS_AWARD_JOB: one movement per key; an unknown community or user fails the job (recorded there). */
    async award(a: PointsAward) {
      return db.transaction(async (tx) => {
        const c = await pointsRepo.node(tx, a.communityId);
        if (!c || c.kind !== 'community') throw new Error(`points.award ${a.key}: ${a.communityId} is not a community`);
        if (!(await pointsRepo.userExists(tx, a.userId))) throw new Error(`points.award ${a.key}: no user ${a.userId}`);
        const rule = await ruleOf(tx, a.communityId);
        const points = price(rule, a);
        if (points <= 0) return { id: null, points: 0, repeated: false };
        const r = await credit(tx, clock, {
          kind: 'award',
          key: `award:${a.key}`,
          communityId: a.communityId,
          userId: a.userId,
          points,
          memo: a.memo,
          source: a.source,
          sourceRef: a.sourceRef,
          actorId: null,
          rule,
        });
        return { ...r, points };
      });
    },

    async me(actor: Actor): Promise<MyPoints> {
      const a = await pointsRepo.userAccount(db, actor.userId);
      const statement = a ? await pointsRepo.statement(db, a.id, 50) : [];
      const members = await pointsRepo.householdMembers(db, actor.userId);
      let canPool = false;
      if (members.length) {
        const h = await pointsRepo.node(db, members[0]!.household_id);
        const c = h ? await communityAbove(h.path) : null;
        canPool = c ? (await ruleOf(db, c.id)).poolingAllowed : false;
      }
      return {
        accountId: a?.id ?? null,
        balance: a?.balance ?? 0,
        canPool,
        statement: statement.map((s) => ({
          movementId: s.movement_id,
          kind: s.kind as MyPoints['statement'][number]['kind'],
          amount: Number(s.amount),
          memo: s.memo,
          at: iso(s.at)!,
          expiresAt: iso(s.expires_at),
          reversesId: s.reverses_id,
          reversed: s.reversed,
        })),
      };
    },

    /** The shop a holder sees: active items of every community in their district (通存通兑). */
    async shop(actor: Actor): Promise<{ items: ShopItem[] }> {
      const ds = [...districtsOf(actor)];
      if (!ds.length) return { items: [] };
      const where = sql`i.active and (${sql.join(
        ds.map((d) => sql`n.path like ${`/${d}/%`}`),
        sql` or `,
      )})`;
      return { items: (await pointsRepo.items(db, where)).map(toItem) };
    },

    async redeem(actor: Actor, ctx: AuditContext, input: RedeemBody): Promise<Redemption> {
      const body = RedeemSchema.parse(input);
      const item = await pointsRepo.item(db, body.itemId);
      if (!item || !districtsOf(actor).has(districtId(item.path)!)) throw new AppError('not_found');
      const key = `redeem:${actor.userId}:${body.clientKey}`;
      return db.transaction(async (tx) => {
        const prior = await pointsRepo.redemptionByKey(tx, actor.userId, body.clientKey);
        if (prior) return repeatedRedemption(tx, prior);
        if (!item.active) throw fieldError('itemId', '该物品已下架 / the item is withdrawn');
        const points = item.price * body.quantity;
        const holder = await pointsRepo.userAccount(tx, actor.userId);
        if (!holder || holder.balance < points) throw fieldError('balance', '积分余额不足 / not enough points');
        const merchant = await pointsRepo.account(tx, 'merchant', { organisationId: item.organisation_id });
        const mv = await pointsRepo.post(
          tx,
          {
            kind: 'redeem',
            key,
            nodeId: item.node_id,
            memo: `兑换：${item.name} ×${body.quantity}`,
            source: 'shop',
            sourceRef: { kind: 'points_item', id: item.id },
            actorId: actor.userId,
            at: clock.now(),
          },
          [
            { accountId: holder.id, amount: -points },
            { accountId: merchant, amount: points },
          ],
        );
        if (mv.repeated) {
          const r = await pointsRepo.redemptionByMovement(tx, mv.id);
          return repeatedRedemption(tx, r!);
        }
        if (!(await pointsRepo.takeStock(tx, item.id, body.quantity)))
          throw fieldError('quantity', '库存不足 / not enough stock');
        const id = await pointsRepo.insertRedemption(tx, {
          itemId: item.id,
          userId: actor.userId,
          clientKey: body.clientKey,
          movementId: mv.id,
          quantity: body.quantity,
          points,
          at: clock.now(),
        });
        await audit.record(tx, ctx, {
          action: 'points.redeem',
          entityKind: 'points_movement',
          entityId: mv.id,
          nodeId: item.node_id,
          after: { itemId: item.id, quantity: body.quantity, points },
        });
        return {
          id,
          movementId: mv.id,
          itemId: item.id,
          quantity: body.quantity,
          points,
          balance: await pointsRepo.balance(tx, holder.id),
          repeated: false,
        };
      });
    },

    async householdMembers(actor: Actor) {
      const m = await pointsRepo.householdMembers(db, actor.userId);
      return { items: m.map((x) => ({ userId: x.user_id, displayName: x.display_name })) };
    },

    /** Household pooling: a member gives points to another member of the same household, where the community allows it. */
    async transfer(actor: Actor, ctx: AuditContext, body: TransferBody) {
      const members = await pointsRepo.householdMembers(db, actor.userId);
      const to = members.find((m) => m.user_id === body.toUserId);
      if (!to) throw fieldError('toUserId', 'not a member of your household');
      const h = await pointsRepo.node(db, to.household_id);
      const c = h ? await communityAbove(h.path) : null;
      if (!c || !(await ruleOf(db, c.id)).poolingAllowed)
        throw fieldError('toUserId', '本社区未开通家庭积分互转 / the community does not allow household pooling');
      return db.transaction(async (tx) => {
        const from = await pointsRepo.userAccount(tx, actor.userId);
        if (!from || from.balance < body.amount) throw fieldError('amount', '积分余额不足 / not enough points');
        const dest = await pointsRepo.account(tx, 'user', { userId: body.toUserId });
        const mv = await pointsRepo.post(
          tx,
          {
            kind: 'transfer',
            key: `transfer:${actor.userId}:${body.clientKey}`,
            nodeId: c.id,
            memo: `家庭互转：${actor.displayName} → ${to.display_name}`,
            actorId: actor.userId,
            at: clock.now(),
          },
          [
            { accountId: from.id, amount: -body.amount },
            { accountId: dest, amount: body.amount },
          ],
        );
        if (!mv.repeated)
          await audit.record(tx, ctx, {
            action: 'points.transfer',
            entityKind: 'points_movement',
            entityId: mv.id,
            nodeId: c.id,
            after: { toUserId: body.toUserId, amount: body.amount },
          });
        return { movementId: mv.id, amount: body.amount };
      });
    },

    /** A correction: a movement with the opposite entries, naming the one it reverses (a redemption's stock returns). */
    async reverse(actor: Actor, ctx: AuditContext, movementId: number, reason: string) {
      return db.transaction(async (tx) => {
        const m = await pointsRepo.movement(tx, movementId);
        const node = m?.nodeId ? await pointsRepo.node(tx, m.nodeId) : null;
        if (!m || !node || !can(actor, pointsPolicy, 'manage', { path: node.path })) throw new AppError('not_found');
        if (m.kind === 'reversal')
          throw new AppError('action_not_allowed', [{ path: 'id', message: 'a reversal is not reversed' }]);
        if (await pointsRepo.reversalOf(tx, m.id))
          throw new AppError('action_not_allowed', [{ path: 'id', message: 'already reversed' }]);
        const entries = await pointsRepo.entriesOf(tx, m.id);
        const legs: Leg[] = entries.map((e) => ({ accountId: e.accountId, amount: -e.amount }));
        const r = await pointsRepo.post(
          tx,
          {
            kind: 'reversal',
            key: `reversal:${m.id}`,
            nodeId: m.nodeId,
            memo: `冲正：${m.memo}`,
            reversesId: m.id,
            reason,
            actorId: actor.userId,
            at: clock.now(),
          },
          legs,
        );
        // A concurrent reversal of the same movement committed first (the key waited for it): nothing more to do.
        if (r.repeated) throw new AppError('action_not_allowed', [{ path: 'id', message: 'already reversed' }]);
        if (m.kind === 'redeem') {
          const red = await pointsRepo.redemptionByMovement(tx, m.id);
          if (red) await pointsRepo.changeItem(tx, red.itemId, { stockDelta: red.quantity });
        }
        await audit.record(tx, ctx, {
          action: 'points.reverse',
          entityKind: 'points_movement',
          entityId: r.id,
          nodeId: m.nodeId,
          before: { movementId: m.id, kind: m.kind, memo: m.memo },
          after: { reason },
        });
        return { movementId: r.id, amount: entries.filter((e) => e.amount > 0).reduce((s, e) => s + e.amount, 0) };
      });
    },

    async accounts(actor: Actor) {
      const p = scope(actor, pointsPolicy, 'manage', { path: sql`x.path` });
      const list = await pointsRepo.accounts(db, p);
      return {
        items: list.map((a) => ({
          id: a.id,
          kind: a.kind as 'user',
          userId: a.user_id,
          holder: a.holder,
          communityName: a.community_name,
          balance: Number(a.balance),
        })),
      };
    },

    async movements(actor: Actor) {
      const where = scope(actor, pointsPolicy, 'manage', { path: sql`n.path` });
      const list = await pointsRepo.movements(db, where, 100);
      return {
        items: list.map((m) => ({
          id: m.id,
          kind: m.kind as 'award',
          communityName: m.community_name,
          memo: m.memo,
          amount: Number(m.amount),
          at: iso(m.at)!,
          reversesId: m.reverses_id,
          reversed: m.reversed,
        })),
      };
    },

    async proofStatus(actor: Actor) {
      if (!canAnywhere(actor, pointsPolicy, 'proof')) throw new AppError('forbidden');
      const p = await pointsRepo.lastProof(db);
      return { last: p ? { ...p, at: p.at.toISOString(), total: Number(p.total) } : null };
    },

    /** Points past their term leave the holders' accounts for their community's expiry sink. */
    async expire() {
      const due = await pointsRepo.dueToExpire(db, clock.now());
      let n = 0;
      for (const d of due) {
        if (!d.node_id || d.amount <= 0) continue;
        await db.transaction(async (tx) => {
          const sink = await pointsRepo.account(tx, 'expiry', { nodeId: d.node_id! });
          const day = clock.now().toISOString().slice(0, 10);
          await pointsRepo.post(
            tx,
            {
              kind: 'expiry',
              key: `expiry:${d.account_id}:${day}`,
              nodeId: d.node_id,
              memo: '积分到期',
              actorId: null,
              at: clock.now(),
            },
            [
              { accountId: d.account_id, amount: -Math.round(d.amount) },
              { accountId: sink, amount: Math.round(d.amount) },
            ],
          );
        });
        n++;
      }
      return n;
    },

    prove: proveNow,

    async runProof(actor: Actor) {
      if (!canAnywhere(actor, pointsPolicy, 'proof')) throw new AppError('forbidden');
      return proveNow();
    },
  };

  async function communityAbove(path: string) {
    const ids = path.split('/').filter(Boolean).map(Number);
    for (const id of ids.reverse()) {
      const n = await pointsRepo.node(db, id);
      if (n?.kind === 'community') return n;
    }
    return null;
  }

  async function repeatedRedemption(
    exec: Exec,
    r: { id: number; movementId: number; itemId: number; quantity: number; points: number; userId: number },
  ): Promise<Redemption> {
    const a = await pointsRepo.userAccount(exec, r.userId);
    return {
      id: r.id,
      movementId: r.movementId,
      itemId: r.itemId,
      quantity: r.quantity,
      points: r.points,
      balance: a?.balance ?? 0,
      repeated: true,
    };
  }
}

export type PointsService = ReturnType<typeof createPointsService>;
