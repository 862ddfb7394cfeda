// An independent gRPC client, as another team would write it: it knows no .proto file of the
// project. It starts the three servers, discovers their services through server reflection
// (like grpcurl), builds clients from the descriptors it received, and calls every public RPC.
'use strict';

const assert = require('assert');
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const { Client: ReflectionClient } = require('grpc-reflection-js');

const BIN_DIR = process.argv[2];
const SOURCE_DIR = process.env.GOVREPORT_SOURCE_DIR || path.resolve(__dirname, '../..');
const CALL_TIMEOUT_MS = 30000;
const servers = [];

// Whole-run bound: a hang fails with the logs instead of reaching ctest's timeout.
const watchdog = setTimeout(() => fail(new Error('test run exceeded 300 s')), 300000);

function fail(err) {
  console.error(`FAILED: ${err && err.stack ? err.stack : err}`);
  for (const s of servers) {
    console.error(`---- ${s.name} log ----\n${s.log.slice(-3000)}`);
    try { s.proc.kill('SIGKILL'); } catch (e) { /* already gone */ }
  }
  process.exit(1);
}

// Starts one server binary and resolves with its address from "<name>: listening on HOST:PORT".
function startServer(name, args) {
  return new Promise((resolve, reject) => {
    const proc = spawn(path.join(BIN_DIR, name), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const server = { name, proc, log: '', exited: null };
    servers.push(server);
    const onData = (chunk) => {
      server.log += chunk.toString();
      const m = server.log.match(new RegExp(`${name}: listening on (\\S+)\\n`));
      if (m && !server.address) {
        server.address = m[1];
        resolve(server);
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.on('exit', (code, signal) => {
      server.exited = { code, signal };
      if (!server.address) reject(new Error(`${name} exited (${code}/${signal}): ${server.log}`));
    });
    proc.on('error', reject);
  });
}

function stopServer(server) {
  return new Promise((resolve) => {
    if (server.exited) return resolve(server.exited);
    const timer = setTimeout(() => server.proc.kill('SIGKILL'), 30000);
    server.proc.on('exit', (code, signal) => { clearTimeout(timer); resolve({ code, signal }); });
    server.proc.kill('SIGTERM');
  });
}

// Descriptors from reflection carry the .proto field names (snake_case); this test writes the
// JSON-mapping names (camelCase), as most JS code does, and converts at the wire boundary.
function convertKeys(value, convert) {
  if (Array.isArray(value)) return value.map((v) => convertKeys(v, convert));
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value) ||
      value instanceof Uint8Array) {
    return value;
  }
  const out = {};
  for (const [k, v] of Object.entries(value)) out[convert(k)] = convertKeys(v, convert);
  return out;
}
const toSnake = (k) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const toCamel = (k) => k.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());

// A client for `serviceName` built only from reflected descriptors.
function makeClient(root, serviceName, address) {
  const service = root.lookupService(serviceName);
  service.resolveAll();
  const definition = {};
  for (const method of Object.values(service.methods)) {
    const Req = method.resolvedRequestType;
    const Res = method.resolvedResponseType;
    definition[method.name] = {
      path: `/${serviceName}/${method.name}`,
      requestStream: !!method.requestStream,
      responseStream: !!method.responseStream,
      requestSerialize: (obj) =>
        Buffer.from(Req.encode(Req.fromObject(convertKeys(obj, toSnake))).finish()),
      requestDeserialize: (buf) => Req.decode(buf),
      responseSerialize: (msg) => Buffer.from(Res.encode(msg).finish()),
      responseDeserialize: (buf) => convertKeys(Res.toObject(Res.decode(buf), {
        enums: String, longs: Number, defaults: true, arrays: true, objects: true,
      }), toCamel),
    };
  }
  const Ctor = grpc.makeGenericClientConstructor(definition, serviceName);
  const client = new Ctor(address, grpc.credentials.createInsecure());
  client.methodNames = Object.keys(definition);
  return client;
}

function deadline() { return new Date(Date.now() + CALL_TIMEOUT_MS); }

function unary(client, method, request) {
  return new Promise((resolve, reject) => {
    client[method](request, { deadline: deadline() }, (err, response) => {
      if (err) reject(err); else resolve(response);
    });
  });
}

async function expectError(client, method, request, code) {
  try {
    await unary(client, method, request);
  } catch (err) {
    assert.strictEqual(err.code, code, `${method}: expected code ${code}, got ${err.code} ${err.details}`);
    return err;
  }
  throw new Error(`${method} succeeded but should have failed with code ${code}`);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitIndexed(ingest, ids) {
  const giveUp = Date.now() + 240000;
  for (;;) {
    const res = await unary(ingest, 'GetStatus', { reportIds: ids });
    const pending = res.statuses.filter((s) => s.state !== 'REPORT_STATE_INDEXED' && s.state !== 'REPORT_STATE_FAILED');
    if (pending.length === 0) return res.statuses;
    if (Date.now() > giveUp) throw new Error(`still pending: ${JSON.stringify(pending)}`);
    await sleep(200);
  }
}

async function reflect(server, expectedService) {
  const reflection = new ReflectionClient(server.address, grpc.credentials.createInsecure());
  const services = await reflection.listServices();
  assert.ok(services.includes(expectedService), `${server.name} lists ${services}`);
  assert.ok(services.includes('grpc.health.v1.Health'), `${server.name} has no health service: ${services}`);
  const root = await reflection.fileContainingSymbol(expectedService);
  return makeClient(root, expectedService, server.address);
}

async function main() {
  assert.ok(BIN_DIR, 'usage: node reflection_client.test.js BIN_DIR');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'govreport-js-'));
  const extraction = await startServer('govreport-extraction',
    ['--listen=127.0.0.1:0', `--data_dir=${root}/extraction`]);
  const query = await startServer('govreport-query',
    ['--listen=127.0.0.1:0', `--data_dir=${root}/query`]);
  const ingestServer = await startServer('govreport-ingest',
    ['--listen=127.0.0.1:0', `--data_dir=${root}/ingest`,
     `--extraction=${extraction.address}`, `--query=${query.address}`]);

  const extract = await reflect(extraction, 'govreport.v1.ExtractionService');
  const q = await reflect(query, 'govreport.v1.QueryService');
  const ingest = await reflect(ingestServer, 'govreport.v1.IngestService');
  const called = new Set();
  const call = async (client, method, request) => {
    called.add(method);
    return unary(client, method, request);
  };

  // ExtractionService
  const extracted = await call(extract, 'Extract', {
    normalizedText: '云浮市2021年政府工作报告\n2020年全年实现地区生产总值1002.18亿元,增长4.1%。',
  });
  assert.ok(extracted.report.reportId.startsWith('r'), JSON.stringify(extracted));
  assert.ok(extracted.report.extractorVersion.length > 0);

  // IngestService
  const sample = fs.readFileSync(path.join(SOURCE_DIR, 'data/samples/002_7d54046d113e74f1.txt'));
  const ingested = await call(ingest, 'Ingest', { content: sample, sourceUri: 'js:002' });
  assert.strictEqual(ingested.reports.length, 1, JSON.stringify(ingested));
  const id = ingested.reports[0].reportId;
  const bundle = fs.readFileSync(path.join(SOURCE_DIR, 'data/samples/000_8a7bc9ce6e61cdbb.txt'));
  const streamed = await new Promise((resolve, reject) => {
    called.add('IngestStream');
    const stream = ingest.IngestStream({ deadline: deadline() });
    const responses = [];
    stream.on('data', (r) => responses.push(r));
    stream.on('error', reject);
    stream.on('end', () => resolve(responses));
    stream.write({ content: bundle, sourceUri: 'js:000' });
    stream.write({ content: Buffer.alloc(0) });
    stream.end();
  });
  assert.strictEqual(streamed.length, 2);
  assert.strictEqual(streamed[0].result.reports.length, 10);
  assert.strictEqual(streamed[1].errorCode, grpc.status.INVALID_ARGUMENT);
  const ids = [id, ...streamed[0].result.reports.map((r) => r.reportId)];
  const statuses = await waitIndexed(ingest, ids);
  called.add('GetStatus');
  for (const s of statuses) assert.strictEqual(s.state, 'REPORT_STATE_INDEXED', JSON.stringify(s));
  const reextract = await call(ingest, 'Reextract', { reportIds: [id] });
  assert.strictEqual(Number(reextract.scheduled), 1);
  await waitIndexed(ingest, [id]);
  await expectError(ingest, 'Ingest', { content: Buffer.alloc(0) }, grpc.status.INVALID_ARGUMENT);

  // QueryService
  const report = await call(q, 'GetReport', { reportId: id, omitText: true });
  assert.strictEqual(report.meta.region.name, '凤泉区');
  assert.strictEqual(report.normalizedText, '');
  const listed = await call(q, 'ListReports', { region: { within: '广东省' } });
  assert.strictEqual(listed.reports.length, 10, JSON.stringify(listed.reports.map((r) => r.meta.region.name)));
  const regions = await call(q, 'ListRegions', {});
  assert.ok(regions.regions.some((r) => r.region.name === '凤泉区'));
  const indicators = await call(q, 'ListIndicators', {});
  assert.ok(indicators.indicators.some((i) => i.id === 'gdp' && i.core));
  const facts = await call(q, 'QueryFacts', {
    indicators: ['gdp'], region: { regions: ['云浮市'] }, periodFrom: '2020', periodTo: '2020',
    kind: 'KIND_ACTUAL', measure: 'MEASURE_VALUE',
  });
  assert.ok(facts.facts.length >= 1, 'no GDP fact for 云浮市');
  assert.strictEqual(facts.facts[0].fact.value, 100218000000);
  const series = await call(q, 'TimeSeries', { region: '云浮市', indicator: 'gdp', measure: 'MEASURE_GROWTH' });
  assert.ok(series.points.length >= 1, JSON.stringify(series));
  const compared = await call(q, 'CompareRegions', {
    indicator: 'gdp', measure: 'MEASURE_GROWTH', period: '2021', kind: 'KIND_TARGET', region: { within: '广东省' },
  });
  assert.ok(compared.rows.length >= 2, JSON.stringify(compared));
  assert.strictEqual(compared.rows[0].rank, 1);
  await call(q, 'TargetAttainment', { indicators: ['gdp'] });
  const found = await call(q, 'Search', { query: '地区生产总值', region: { regions: ['凤泉区'] } });
  assert.ok(found.hits.length >= 1 && found.hits[0].reportId === id, JSON.stringify(found.hits.map((h) => h.reportId)));
  await expectError(q, 'GetReport', { reportId: 'r000000000000000000000000' }, grpc.status.NOT_FOUND);
  await expectError(q, 'QueryFacts', { indicators: ['no_such_indicator'] }, grpc.status.INVALID_ARGUMENT);
  called.add('IndexReport');
  await expectError(q, 'IndexReport', { report: {} }, grpc.status.INVALID_ARGUMENT);
  called.add('DeleteReport');
  await call(q, 'DeleteReport', { reportId: id });
  await expectError(q, 'GetReport', { reportId: id }, grpc.status.NOT_FOUND);

  for (const client of [extract, ingest, q]) {
    for (const method of client.methodNames) {
      assert.ok(called.has(method), `RPC ${method} was not exercised`);
    }
  }

  for (const server of [ingestServer, query, extraction]) {
    const exit = await stopServer(server);
    assert.deepStrictEqual(exit, { code: 0, signal: null }, `${server.name} exit on SIGTERM`);
  }
  fs.rmSync(root, { recursive: true, force: true });
  clearTimeout(watchdog);
  console.log(`js_reflection_client: OK (${called.size} RPCs called through reflected descriptors)`);
}

main().catch(fail);
