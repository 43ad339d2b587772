// Every start: phones that a database from before issue 11 holds in the clear (users.phone, cases.reporter_phone,
// hotline_orders.caller_phone) are sealed into their cipher, blind index and tail columns, and the clear column emptied.
// Idempotent and batched; a later migration drops the emptied columns.
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../platform/db';
import { sealPhoneNumber, type PersonalCrypto } from '../platform/crypto';

type Target = { table: string; legacy: string; cipher: string; hash: string; tail: string };

const TARGETS: Target[] = [
  { table: 'users', legacy: 'phone', cipher: 'phone_cipher', hash: 'phone_hash', tail: 'phone_tail' },
  {
    table: 'cases',
    legacy: 'reporter_phone',
    cipher: 'reporter_phone_cipher',
    hash: 'reporter_phone_hash',
    tail: 'reporter_phone_tail',
  },
  {
    table: 'hotline_orders',
    legacy: 'caller_phone',
    cipher: 'caller_phone_cipher',
    hash: 'caller_phone_hash',
    tail: 'caller_phone_tail',
  },
];

/** Seals the clear phones left by older versions, `batch` rows per statement; returns how many rows each table had. */
export async function sealPlaintextPhones(
  db: Db,
  crypto: PersonalCrypto,
  batch = 1000,
): Promise<Record<string, number>> {
  const done: Record<string, number> = {};
  for (const t of TARGETS) {
    const [table, legacy, cipher, hash, tail] = [t.table, t.legacy, t.cipher, t.hash, t.tail].map((n) =>
      sql.identifier(n),
    );
    let count = 0;
    for (;;) {
      const found = await rows<{ id: number; phone: string }>(
        db,
        sql`select id, ${legacy} as phone from ${table} where ${legacy} is not null order by id limit ${batch}`,
      );
      if (!found.length) break;
      const values = sql.join(
        found.map((r) => {
          const s = sealPhoneNumber(crypto, r.phone);
          return sql`(${r.id}::int, ${s.cipher}::text, ${s.hash}::text, ${s.tail}::text)`;
        }),
        sql`, `,
      );
      // A value already sealed (a row written by both versions) keeps its sealed form; the clear one is emptied either way.
      await db.execute(sql`update ${table} x set ${cipher} = coalesce(x.${cipher}, v.c), ${hash} = coalesce(x.${hash}, v.h), ${tail} = coalesce(x.${tail}, v.t), ${legacy} = null
        from (values ${values}) as v(id, c, h, t) where x.id = v.id`);
      count += found.length;
    }
    done[t.table] = count;
  }
  return done;
}
