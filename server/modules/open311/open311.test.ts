// Open311 GeoReport v2 against the official schemas: every endpoint in JSON and XML, the error paths, intake through one case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../platform/clock';
import { createTestApp, type Session, type TestApp } from '../../testing';
import { asXmlText, assertSchema, parseXml } from './testing';

let t: TestApp;
const clock = new FakeClock(new Date('2026-03-02T09:00:00+08:00'));
const s = {} as Record<string, Session>;
let apiKey = '';
const inGrid0 = { lat: '39.92', long: '116.305' };

beforeAll(async () => {
  t = await createTestApp({
    clock,
    config: { open311: { jurisdictionId: undefined, contact: undefined, ratePerMinute: 1000, postsPerMinute: 25 } },
  });
  for (const u of ['admin', 'community1']) s[u] = await t.login(u);
  apiKey = (await t.as(s.admin!, { method: 'POST', url: '/api/open311/keys', payload: { name: '随手拍 App' } })).json()
    .plainKey;
});
afterAll(() => t?.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url: `/open311/v2/${url}`, headers });
const post = (fields: Record<string, string>, opts: { format?: 'json' | 'xml'; idem?: string } = {}) =>
  t.app.inject({
    method: 'POST',
    url: `/open311/v2/requests.${opts.format ?? 'json'}`,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(opts.idem ? { 'idempotency-key': opts.idem } : {}),
    },
    payload: new URLSearchParams(fields).toString(),
  });
const report = (fields: Record<string, string> = {}, idem?: string) =>
  post({ api_key: apiKey, service_code: 'E0102', description: '垃圾桶旁堆放垃圾', ...inGrid0, ...fields }, { idem });

/** The spec's error body, in JSON and XML, with the expected status. */
async function expectError(res: Awaited<ReturnType<typeof get>>, status: number) {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json();
  assertSchema('errors', body);
  expect(body[0].code).toBe(status);
}
async function expectXmlError(res: Awaited<ReturnType<typeof get>>, status: number) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/text\/xml/);
  const err = (parseXml(res.body).errors as { error: { code: string; description: string }[] }).error[0]!;
  expect(err.code).toBe(String(status));
  expect(err.description.length).toBeGreaterThan(0);
}

/** The JSON and XML answers of one GET carry the same data. */
async function sameInXml(url: string, root: string, item?: string) {
  const json = (await get(`${url.replace('.FMT', '.json')}`)).json();
  const xml = await get(url.replace('.FMT', '.xml'));
  expect(xml.statusCode).toBe(200);
  expect(xml.headers['content-type']).toMatch(/text\/xml/);
  const parsed = parseXml(xml.body)[root] as Record<string, unknown>;
  if (item) expect(parsed[item]).toEqual((json as unknown[]).map((x) => asXmlText(x)));
  else expect(parsed).toEqual(asXmlText(json));
  return json;
}

describe('discovery and services', () => {
  it('describes the endpoint in JSON and XML', async () => {
    const d = await sameInXml('discovery.FMT', 'discovery');
    expect(d.endpoints[0]).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      formats: ['application/json', 'text/xml'],
    });
  });

  it('lists the sub-classes of the category tree as services', async () => {
    const list = await sameInXml('services.FMT', 'services', 'service');
    assertSchema('services', list);
    const rubbish = list.find((x: { service_code: string }) => x.service_code === 'E0102');
    expect(rubbish).toMatchObject({ service_name: '暴露垃圾', group: '市容环境', type: 'realtime', metadata: true });
    expect(list.find((x: { service_code: string }) => x.service_code === 'C0101')).toMatchObject({
      metadata: false,
      group: '矛盾纠纷',
    });
    expect(list.some((x: { service_code: string }) => x.service_code === 'E01')).toBe(false);
    expect(
      (await get('services.json', { 'accept-language': 'en' }))
        .json()
        .find((x: { service_code: string }) => x.service_code === 'E0102').service_name,
    ).toBe('Exposed rubbish');
  });

  it('defines a service with attributes from its required fields', async () => {
    const def = await sameInXml('services/E0102.FMT', 'service_definition');
    assertSchema('serviceDefinition', def);
    expect(def.attributes).toEqual([
      expect.objectContaining({ code: 'LOCATION_REQUIRED', variable: false, required: false }),
    ]);
    const none = (await get('services/C0101.json')).json();
    assertSchema('serviceDefinition', none);
    expect(none.attributes).toEqual([]);
  });

  it('404s an unknown service or jurisdiction, and accepts the district code', async () => {
    await expectError(await get('services/Z9999.json'), 404);
    await expectXmlError(await get('services/Z9999.xml'), 404);
    await expectError(await get('services.json?jurisdiction_id=elsewhere'), 404);
    expect((await get('services.json?jurisdiction_id=990101')).statusCode).toBe(200);
    expect((await get('services.json?jurisdiction_id=')).statusCode).toBe(200);
    await expectError(await get('nothing.json'), 404);
    await expectError(await get('services.csv'), 404);
  });
});

describe('POST requests', () => {
  it('refuses a missing, wrong or revoked api_key with 403', async () => {
    await expectError(await post({ service_code: 'E0102', ...inGrid0 }), 403);
    await expectXmlError(
      await post({ api_key: 'o311_wrong', service_code: 'E0102', ...inGrid0 }, { format: 'xml' }),
      403,
    );
    const created = (
      await t.as(s.admin!, { method: 'POST', url: '/api/open311/keys', payload: { name: '将被吊销' } })
    ).json();
    expect((await post({ api_key: created.plainKey, service_code: 'C0101', ...inGrid0 })).statusCode).toBe(200);
    expect(
      (await t.as(s.admin!, { method: 'POST', url: `/api/open311/keys/${created.key.id}/revoke` })).statusCode,
    ).toBe(200);
    await expectError(await post({ api_key: created.plainKey, service_code: 'C0101', ...inGrid0 }), 403);
  });

  it('makes exactly one case in the community worker’s inbox, once per Idempotency-Key', async () => {
    const first = await report(
      { first_name: '三', last_name: '张', phone: '13812345678', email: 'zs@example.com' },
      'retry-key-0001',
    );
    expect(first.statusCode, first.body).toBe(200);
    assertSchema('postResponse', first.json());
    const again = await report({ first_name: '三', last_name: '张', phone: '13812345678' }, 'retry-key-0001');
    expect(again.json()[0].service_request_id).toBe(first.json()[0].service_request_id);
    const number = first.json()[0].service_request_id as string;
    const inbox = (await t.as(s.community1!, { method: 'GET', url: '/api/cases?box=todo&limit=200' }))
      .json()
      .items.filter((c: { number: string }) => c.number === number);
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({
      categoryCode: 'E0102',
      gridId: t.demo.grids[0]!.id,
      channel: 'resident',
      status: 'reported',
    });
    const detail = (await t.as(s.community1!, { method: 'GET', url: `/api/cases/${inbox[0].id}` })).json();
    expect(detail.reporterName).toBe('张三');

    const token = await get(`tokens/${first.json()[0].token}.json`);
    assertSchema('tokenResponse', token.json());
    expect(token.json()[0].service_request_id).toBe(number);
    await expectError(await get('tokens/no-such-token.json'), 404);
  });

  it('answers a POST in XML', async () => {
    const r = await post({ api_key: apiKey, service_code: 'E0104', ...inGrid0 }, { format: 'xml' });
    expect(r.statusCode, r.body).toBe(200);
    const req = (parseXml(r.body).service_requests as { request: { service_request_id: string; token: string }[] })
      .request[0]!;
    expect(req.service_request_id).toMatch(/^20260302\d{6}$/);
    expect((await get(`requests/${req.service_request_id}.json`)).json()[0].description).toBe('道路保洁');
  });

  it('treats empty optional parameters as absent', async () => {
    const r = await report({
      address_string: '',
      address_id: '',
      email: '',
      media_url: '',
      jurisdiction_id: '',
      first_name: '',
      phone: '',
      description: '',
    });
    expect(r.statusCode, r.body).toBe(200);
  });

  it('places an address in its grid when the category needs no map point', async () => {
    const r = await post({
      api_key: apiKey,
      service_code: 'C0202',
      address_string: '清河苑社区锦绣小区1期2号楼下',
      description: '楼下积水',
    });
    expect(r.statusCode, r.body).toBe(200);
    const byCode = await post({ api_key: apiKey, service_code: 'C0202', address_id: t.demo.grids[1]!.code });
    expect(byCode.statusCode, byCode.body).toBe(200);
    const items = (await t.as(s.community1!, { method: 'GET', url: '/api/cases?box=all&limit=200' })).json().items;
    const grid = (n: string) => items.find((c: { number: string }) => c.number === n)?.gridId;
    expect(grid(r.json()[0].service_request_id)).toBe(t.demo.grids[0]!.id);
    expect(grid(byCode.json()[0].service_request_id)).toBe(t.demo.grids[1]!.id);
  });

  it('400s bad parameters with the spec body', async () => {
    await expectError(await post({ api_key: apiKey, service_code: 'E0102' }), 400);
    await expectError(await post({ api_key: apiKey, service_code: 'E0102', lat: '39.92' }), 400);
    await expectError(await post({ api_key: apiKey, service_code: 'E0102', address_string: '锦绣小区1期' }), 400);
    await expectError(await post({ api_key: apiKey, service_code: 'C0202', address_string: '火星某处' }), 400);
    await expectError(await report({ lat: '10', long: '10' }), 400);
    await expectError(await report({ jurisdiction_id: 'elsewhere' }), 400);
    await expectError(await report({ phone: 'not a phone' }), 400);
    await expectError(await report({ media_url: 'javascript:alert(1)' }), 400);
    await expectError(await post({ api_key: apiKey, service_code: 'Z9999', ...inGrid0 }), 404);
  });

  it('limits POSTs per API key', async () => {
    const k = (await t.as(s.admin!, { method: 'POST', url: '/api/open311/keys', payload: { name: '限流' } })).json()
      .plainKey;
    const codes: number[] = [];
    for (let i = 0; i < 26; i++) codes.push((await post({ api_key: k, service_code: 'E0102' })).statusCode);
    expect(codes.slice(0, 25).every((c) => c === 400)).toBe(true);
    await expectError(await post({ api_key: k, service_code: 'E0102' }), 429);
  });
});

describe('GET requests', () => {
  it('lists public data only, valid against the schema, the same in XML', async () => {
    const list = await sameInXml('requests.FMT', 'service_requests', 'request');
    assertSchema('requests', list);
    expect(list.length).toBeGreaterThanOrEqual(5);
    const text = JSON.stringify(list);
    for (const personal of ['张三', '13812345678', 'zs@example.com', '随手拍']) expect(text).not.toContain(personal);
    expect(list[0].requested_datetime).toMatch(/\+08:00$/);
    expect(list.every((r: { status: string }) => r.status === 'open')).toBe(true);
  });

  it('filters by id, service, status and dates, and refuses bad windows', async () => {
    const all = (await get('requests.json')).json();
    const ids = all.slice(0, 2).map((r: { service_request_id: string }) => r.service_request_id);
    expect(
      (await get(`requests.json?service_request_id=${ids.join(',')}`))
        .json()
        .map((r: { service_request_id: string }) => r.service_request_id)
        .sort(),
    ).toEqual([...ids].sort());
    expect(
      (await get('requests.json?service_code=E0104'))
        .json()
        .every((r: { service_code: string }) => r.service_code === 'E0104'),
    ).toBe(true);
    expect((await get('requests.json?status=closed')).json()).toEqual([]);
    expect(
      (await get('requests.json?start_date=2026-03-01T00:00:00%2B08:00&end_date=2026-03-03T00:00:00%2B08:00')).json(),
    ).toHaveLength(all.length);
    expect((await get('requests.json?start_date=2026-03-03&end_date=2026-03-04')).json()).toEqual([]);
    await expectError(await get('requests.json?start_date=yesterday'), 400);
    await expectError(await get('requests.json?start_date=2026-01-01&end_date=2026-04-02'), 400);
    await expectError(await get('requests.json?start_date=2026-03-02&end_date=2026-03-01'), 400);
    await expectError(await get('requests.json?status=pending'), 400);
    await expectError(await get('requests.json?jurisdiction_id=elsewhere'), 400);
    await expectXmlError(await get('requests.xml?jurisdiction_id=elsewhere'), 400);
  });

  it('returns one request as an array, with status notes and extended status after registration', async () => {
    const number = (await get('requests.json?service_code=E0102')).json()[0].service_request_id as string;
    const c = (await t.as(s.community1!, { method: 'GET', url: '/api/cases?box=all&limit=200' }))
      .json()
      .items.find((x: { number: string }) => x.number === number);
    const reg = await t.as(s.community1!, {
      method: 'POST',
      url: `/api/cases/${c.id}/actions`,
      payload: { action: 'register', version: c.version, note: '已立案，联系电话 13900001111' },
    });
    expect(reg.statusCode, reg.body).toBe(200);
    const one = await sameInXml(`requests/${number}.FMT`, 'service_requests', 'request');
    assertSchema('requests', one);
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({
      status: 'open',
      status_notes: '已立案，联系电话 ***',
      extended_attributes: { status: 'OPEN' },
    });
    expect(one[0].expected_datetime).toMatch(/\+08:00$/);
    await expectError(await get('requests/20990101999999.json'), 404);
  });

  it('coarsens the place and hides the text of sensitive categories', async () => {
    const r = await post({
      api_key: apiKey,
      service_code: 'C0102',
      lat: '39.92345',
      long: '116.30567',
      address_string: '锦绣小区1期1号楼1单元101室',
      description: '夫妻争吵',
    });
    expect(r.statusCode, r.body).toBe(200);
    const one = (await get(`requests/${r.json()[0].service_request_id}.json`)).json()[0];
    expect(one).toMatchObject({ lat: 39.92, long: 116.31, address: null, description: null, status_notes: null });
  });
});
