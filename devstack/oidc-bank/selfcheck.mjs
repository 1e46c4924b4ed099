// Self-check of a running oidc-bank: the whole Open Finance Brasil cycle, as a client would run it, with
// a software statement and certificates from sandbox-bank's directory. Prints PASS/FAIL per step and
// exits non-zero on any failure.
//   node selfcheck.mjs --server https://localhost:8543 --directory http://localhost:8090 --server-ca ca-root.pem
import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import { parseArgs } from 'node:util';

import * as jose from 'jose';

const { values: args } = parseArgs({
  options: {
    server: { type: 'string', default: process.env.OIDC_BANK_URL ?? 'https://localhost:8543' },
    directory: { type: 'string', default: process.env.DIRECTORY_URL ?? 'http://localhost:8090' },
    'server-ca': { type: 'string', default: process.env.OIDC_BANK_SERVER_CA },
  },
});
if (!args['server-ca']) {
  console.error('selfcheck: --server-ca (the CA of oidc-bank\'s TLS certificate) is required');
  process.exit(2);
}
const serverCa = fs.readFileSync(args['server-ca']);
const REDIRECT_URI = 'https://localhost:9999/cb'; // never called: the check reads the redirects
const LOA2 = 'urn:brasil:openbanking:loa2';
const CPF = '12345678901';

let failed = 0;
let passed = 0;
async function step(name, fn) {
  try {
    const note = await fn();
    passed += 1;
    console.log(`PASS ${name}${note ? ` (${note})` : ''}`);
  } catch (err) {
    failed += 1;
    console.log(`FAIL ${name}: ${err.message}`);
  }
}
function expect(condition, message) {
  if (!condition) throw new Error(message);
}

// ---------------------------------------------------------------------------------------------
// HTTPS with an optional client certificate, one connection per request (the certificate is the
// connection's), and a cookie jar for the user's browser.
// ---------------------------------------------------------------------------------------------
function call(url, { method = 'GET', headers = {}, body, tls, cookies } = {}) {
  return new Promise((resolve, reject) => {
    const target = new URL(url, args.server);
    const allHeaders = { ...headers };
    if (cookies?.size) allHeaders.cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (body !== undefined) allHeaders['content-length'] = Buffer.byteLength(body);
    const req = https.request(target, {
      method, headers: allHeaders, ca: serverCa, agent: false, ...(tls ? { cert: tls.cert, key: tls.key } : {}),
    }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        for (const setCookie of res.headers['set-cookie'] ?? []) {
          const [pair] = setCookie.split(';');
          const at = pair.indexOf('=');
          cookies?.set(pair.slice(0, at), pair.slice(at + 1));
        }
        let json;
        try { json = JSON.parse(text); } catch { /* not JSON */ }
        resolve({ status: res.statusCode, headers: res.headers, text, json, location: res.headers.location });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
const form = (params) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(params).toString(),
});
const jsonBody = (value) => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });
const describe = (res) => `${res.status} ${res.text.slice(0, 200)}`;

async function directory(path, body) {
  const res = await fetch(new URL(path, args.directory), body === undefined ? {} : {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`directory ${path}: ${res.status} ${await res.text()}`);
  return res.headers.get('content-type')?.includes('json') ? res.json() : res.text();
}

// ---------------------------------------------------------------------------------------------
// The cycle.
// ---------------------------------------------------------------------------------------------
const state = {};
const now = () => Math.floor(Date.now() / 1000);

await step('discovery: Brazil FAPI metadata', async () => {
  const res = await call('/.well-known/openid-configuration');
  expect(res.status === 200, describe(res));
  const d = res.json;
  state.discovery = d;
  expect(d.issuer === new URL(args.server).origin, `issuer ${d.issuer}`);
  expect(d.require_pushed_authorization_requests === true, 'require_pushed_authorization_requests');
  for (const name of ['token_endpoint', 'pushed_authorization_request_endpoint', 'registration_endpoint']) {
    expect(d.mtls_endpoint_aliases?.[name], `mtls_endpoint_aliases.${name}`);
  }
  expect(d.response_modes_supported.includes('jwt'), 'response_modes_supported lacks jwt');
  expect(!d.response_modes_supported.includes('form_post') && !d.response_modes_supported.includes('query'),
    `response_modes_supported ${d.response_modes_supported}`);
  for (const name of ['id_token_signing_alg_values_supported', 'request_object_signing_alg_values_supported',
    'token_endpoint_auth_signing_alg_values_supported', 'authorization_signing_alg_values_supported']) {
    expect(JSON.stringify(d[name]) === '["PS256"]', `${name} ${d[name]}`);
  }
  expect(JSON.stringify(d.token_endpoint_auth_methods_supported) === '["private_key_jwt"]', 'auth methods');
  expect(d.tls_client_certificate_bound_access_tokens === true, 'tls_client_certificate_bound_access_tokens');
  expect(d.response_types_supported.includes('code id_token') && d.response_types_supported.includes('code'), 'response types');
  expect(d.acr_values_supported.includes(LOA2), 'acr_values_supported');
  expect(JSON.stringify(d.code_challenge_methods_supported) === '["S256"]', 'code_challenge_methods_supported');
  state.jwks = jose.createLocalJWKSet((await call(d.jwks_uri)).json);
});

await step('directory: software statement, TRANSPORT and SIGNING certificates, assertion', async () => {
  const ss = await directory('/directory/software-statements', {
    organisationName: 'Selfcheck TPP', cnpj: '12345678000190', clientName: 'oidc-bank selfcheck', redirectUris: [REDIRECT_URI],
  });
  const base = `/directory/organisations/${ss.organisationId}/softwarestatements/${ss.softwareStatementId}`;
  const transport = await directory(`${base}/certificates`, { usage: 'TRANSPORT' });
  const other = await directory(`${base}/certificates`, { usage: 'TRANSPORT' }); // another certificate, same software
  const signing = await directory(`${base}/certificates`, { usage: 'SIGNING' });
  state.tls = { cert: transport.certificate, key: transport.privateKey };
  state.otherTls = { cert: other.certificate, key: other.privateKey };
  state.signing = { key: crypto.createPrivateKey(signing.privateKey), kid: signing.kid };
  state.ssa = await directory(`${base}/assertion`);
  const stranger = await directory('/directory/software-statements', {
    organisationName: 'Another TPP', cnpj: '98765432000198', clientName: 'stranger', redirectUris: [REDIRECT_URI],
  });
  const strangerTls = await directory(`/directory/organisations/${stranger.organisationId}/softwarestatements/${stranger.softwareStatementId}/certificates`, { usage: 'TRANSPORT' });
  state.strangerTls = { cert: strangerTls.certificate, key: strangerTls.privateKey };
  state.softwareId = ss.softwareStatementId;
  expect(typeof state.ssa === 'string' && state.ssa.split('.').length === 3, 'assertion is not a JWS');
});

// the metadata Ponte's certificate-vault sends (TransmitterRegistrations.metadata)
const registration = () => ({
  redirect_uris: [REDIRECT_URI],
  grant_types: ['authorization_code', 'refresh_token', 'client_credentials', 'implicit'],
  response_types: ['code id_token', 'code'],
  token_endpoint_auth_method: 'private_key_jwt',
  token_endpoint_auth_signing_alg: 'PS256',
  id_token_signed_response_alg: 'PS256',
  request_object_signing_alg: 'PS256',
  authorization_signed_response_alg: 'PS256',
  software_statement: state.ssa,
});

await step('DCR refusals: no certificate 401, foreign redirect_uri, no or forged software_statement', async () => {
  let res = await call('/register', { method: 'POST', ...jsonBody(registration()) });
  expect(res.status === 401 && res.json?.error === 'invalid_client', `no certificate: ${describe(res)}`);
  res = await call('/register', { method: 'POST', tls: state.tls, ...jsonBody({ ...registration(), redirect_uris: ['https://evil.example/cb'] }) });
  expect(res.status === 400 && res.json?.error === 'invalid_redirect_uri', `foreign redirect_uri: ${describe(res)}`);
  const { software_statement: _, ...withoutSsa } = registration();
  res = await call('/register', { method: 'POST', tls: state.tls, ...jsonBody(withoutSsa) });
  expect(res.status === 400 && res.json?.error === 'invalid_software_statement', `no software_statement: ${describe(res)}`);
  const [h, p, s] = state.ssa.split('.');
  const forgedClaims = { ...JSON.parse(Buffer.from(p, 'base64url')), software_redirect_uris: ['https://evil.example/cb'] };
  const forged = `${h}.${Buffer.from(JSON.stringify(forgedClaims)).toString('base64url')}.${s}`;
  res = await call('/register', { method: 'POST', tls: state.tls, ...jsonBody({ ...registration(), software_statement: forged }) });
  expect(res.status === 400 && res.json?.error === 'invalid_software_statement', `forged software_statement: ${describe(res)}`);
});

await step('DCR over mutual TLS with the software statement', async () => {
  const res = await call('/register', { method: 'POST', tls: state.tls, ...jsonBody(registration()) });
  expect(res.status === 201, describe(res));
  const c = res.json;
  expect(c.tls_client_certificate_bound_access_tokens === true, 'not certificate-bound');
  expect(c.jwks_uri?.endsWith('/application.jwks'), `jwks_uri ${c.jwks_uri}`);
  expect(c.token_endpoint_auth_method === 'private_key_jwt', c.token_endpoint_auth_method);
  expect(c.software_id === state.softwareId, `software_id ${c.software_id}`);
  expect(c.require_pushed_authorization_requests === true && c.require_signed_request_object === true, 'PAR/JAR not required');
  state.client = c;
  return `client_id ${c.client_id}, scope "${c.scope}", grant_types ${c.grant_types}`;
});

await step('DCR management (RFC 7592): GET with the client\'s certificate 200, with another software\'s 401', async () => {
  const headers = { authorization: `Bearer ${state.client.registration_access_token}` };
  let res = await call(state.client.registration_client_uri, { tls: state.tls, headers });
  expect(res.status === 200 && res.json.client_id === state.client.client_id, describe(res));
  res = await call(state.client.registration_client_uri, { tls: state.strangerTls, headers });
  expect(res.status === 401 && res.json?.error === 'invalid_client', `another software's certificate: ${describe(res)}`);
});

await step('DCR: a second registration of the same software statement is refused (dcr-id3 9.3.1-5)', async () => {
  const res = await call('/register', { method: 'POST', tls: state.tls, ...jsonBody(registration()) });
  expect(res.status === 400 && res.json?.error === 'invalid_client_metadata', describe(res));
});

const clientAssertion = (aud = state.discovery.issuer) => new jose.SignJWT({ jti: crypto.randomUUID() })
  .setProtectedHeader({ alg: 'PS256', kid: state.signing.kid })
  .setIssuer(state.client.client_id).setSubject(state.client.client_id).setAudience(aud)
  .setIssuedAt().setExpirationTime('60s')
  .sign(state.signing.key);
const clientAuth = async () => ({
  client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
  client_assertion: await clientAssertion(),
});

/** Pushes a request object (FAPI 1.0 Advanced 5.2.2, fapi-id3) and returns what the flow needs later. */
async function pushAuthorizationRequest(overrides = {}, tls = state.tls) {
  const flow = {
    verifier: crypto.randomBytes(32).toString('base64url'),
    state: crypto.randomBytes(16).toString('base64url'),
    nonce: crypto.randomBytes(16).toString('base64url'),
  };
  const claims = {
    client_id: state.client.client_id,
    response_type: 'code',
    response_mode: 'jwt',
    redirect_uri: REDIRECT_URI,
    scope: 'openid payments consent:urn:bank:123',
    state: flow.state,
    nonce: flow.nonce,
    code_challenge: crypto.hash('sha256', flow.verifier, 'base64url'),
    code_challenge_method: 'S256',
    claims: { id_token: { acr: { essential: true, values: [LOA2] }, cpf: { essential: true } } },
    jti: crypto.randomUUID(),
    ...overrides,
  };
  Object.keys(claims).forEach((key) => claims[key] === undefined && delete claims[key]);
  const request = await new jose.SignJWT(claims)
    .setProtectedHeader({ alg: 'PS256', kid: state.signing.kid })
    .setIssuer(state.client.client_id).setAudience(state.discovery.issuer)
    .setIssuedAt().setNotBefore('0s').setExpirationTime('5m')
    .sign(state.signing.key);
  flow.res = await call(state.discovery.mtls_endpoint_aliases.pushed_authorization_request_endpoint, {
    method: 'POST', tls, ...form({ client_id: state.client.client_id, request, ...await clientAuth() }),
  });
  flow.requestUri = flow.res.json?.request_uri;
  return flow;
}

/** The user's browser: /authorize, the interaction page, the decision, back to the redirect_uri. */
async function authorize(flow, decision) {
  const jar = new Map();
  const query = new URLSearchParams({ client_id: state.client.client_id, request_uri: flow.requestUri });
  let res = await call(`${state.discovery.authorization_endpoint}?${query}`, { cookies: jar });
  expect(res.status === 303 && res.location?.startsWith('/interaction/'), `authorize: ${describe(res)}`);
  const interaction = res.location;
  res = await call(interaction, { cookies: jar });
  expect(res.status === 200 && res.text.includes('<form'), `interaction page: ${describe(res)}`);
  res = await call(`${interaction}/${decision}`, { method: 'POST', cookies: jar, ...form(decision === 'approve' ? { user: CPF } : {}) });
  expect(res.status === 303, `${decision}: ${describe(res)}`);
  for (let hops = 0; hops < 5 && !res.location.startsWith(REDIRECT_URI); hops += 1) {
    res = await call(res.location, { cookies: jar });
    expect([302, 303].includes(res.status), `resume: ${describe(res)}`);
  }
  expect(res.location.startsWith(REDIRECT_URI), `not redirected to the client: ${res.location}`);
  return new URL(res.location);
}

async function verifyJarm(response) {
  const { payload, protectedHeader } = await jose.jwtVerify(response, state.jwks, {
    issuer: state.discovery.issuer, audience: state.client.client_id, algorithms: ['PS256'],
  });
  expect(typeof payload.exp === 'number', 'JARM without exp');
  return { payload, protectedHeader };
}

await step('PAR refusals: no PKCE, plain query response mode for code, unknown scope, no certificate', async () => {
  let flow = await pushAuthorizationRequest({ code_challenge: undefined, code_challenge_method: undefined });
  expect(flow.res.status === 400 && flow.res.json?.error === 'invalid_request', `no PKCE: ${describe(flow.res)}`);
  flow = await pushAuthorizationRequest({ response_mode: 'query' });
  expect(flow.res.status === 400, `code without JARM: ${describe(flow.res)}`);
  const modeError = flow.res.json?.error;
  flow = await pushAuthorizationRequest({ scope: 'openid payments consent:a consent:b' });
  expect(flow.res.status === 400 && flow.res.json?.error === 'invalid_scope', `two consents: ${describe(flow.res)}`);
  flow = await pushAuthorizationRequest({}, state.otherTls);
  expect(flow.res.status === 201, `another certificate of the same software: ${describe(flow.res)}`);
  flow = await pushAuthorizationRequest({}, null);
  expect(flow.res.status === 401 && flow.res.json?.error === 'invalid_client', `no certificate: ${describe(flow.res)}`);
  return `code+query answered ${modeError}`;
});

await step('PAR: signed PS256 request object, PKCE S256, response_mode jwt', async () => {
  state.flow = await pushAuthorizationRequest();
  const { res } = state.flow;
  expect(res.status === 201 && state.flow.requestUri?.startsWith('urn:ietf:params:oauth:request_uri:'), describe(res));
  return `expires_in ${res.json.expires_in}`;
});

await step('authorize → interaction → approve (user 12345678901) → redirect_uri with JARM', async () => {
  const back = await authorize(state.flow, 'approve');
  state.jarm = back.searchParams.get('response');
  expect(state.jarm, `no response parameter in ${back}`);
  expect(!back.searchParams.has('code'), 'code outside the JARM response');
});

await step('JARM response: PS256, iss, aud, exp, state, code', async () => {
  const { payload, protectedHeader } = await verifyJarm(state.jarm);
  expect(payload.state === state.flow.state, 'state mismatch');
  expect(typeof payload.code === 'string', 'no code');
  state.code = payload.code;
  return `claims ${Object.keys(payload).join(',')}; kid ${protectedHeader.kid}; exp-now ${payload.exp - now()}s`;
});

await step('token: authorization_code with private_key_jwt over mutual TLS', async () => {
  const res = await call(state.discovery.mtls_endpoint_aliases.token_endpoint, {
    method: 'POST', tls: state.tls, ...form({
      grant_type: 'authorization_code', code: state.code, redirect_uri: REDIRECT_URI,
      code_verifier: state.flow.verifier, ...await clientAuth(),
    }),
  });
  expect(res.status === 200, describe(res));
  const t = res.json;
  expect(t.access_token && t.refresh_token && t.id_token, `missing tokens: ${Object.keys(t)}`);
  expect(t.token_type === 'Bearer' && t.expires_in <= 900 && t.expires_in >= 300, `token_type/expires_in ${t.token_type} ${t.expires_in}`);
  expect(t.scope.split(' ').includes('consent:urn:bank:123') && t.scope.split(' ').includes('payments'), `scope ${t.scope}`);
  state.tokens = t;
  return `scope "${t.scope}", expires_in ${t.expires_in}`;
});

await step('id_token: PS256, iss, aud, nonce, acr loa2, cpf', async () => {
  const { payload, protectedHeader } = await jose.jwtVerify(state.tokens.id_token, state.jwks, {
    issuer: state.discovery.issuer, audience: state.client.client_id, algorithms: ['PS256'],
  });
  expect(protectedHeader.alg === 'PS256', protectedHeader.alg);
  expect(payload.nonce === state.flow.nonce, 'nonce mismatch');
  expect(payload.acr === LOA2, `acr ${payload.acr}`);
  expect(payload.cpf === CPF, `cpf ${payload.cpf}`);
  return `claims ${Object.keys(payload).join(',')}`;
});

await step('access token is certificate-bound: introspection cnf.x5t#S256', async () => {
  const res = await call(state.discovery.mtls_endpoint_aliases.introspection_endpoint, {
    method: 'POST', tls: state.tls, ...form({ token: state.tokens.access_token, ...await clientAuth() }),
  });
  expect(res.status === 200 && res.json.active === true, describe(res));
  const expected = crypto.hash('sha256', new crypto.X509Certificate(state.tls.cert).raw, 'base64url');
  expect(res.json.cnf?.['x5t#S256'] === expected, `cnf ${JSON.stringify(res.json.cnf)}`);
});

await step('userinfo: 200 with the bound certificate, 401 with another certificate or none', async () => {
  const bearer = { authorization: `Bearer ${state.tokens.access_token}` };
  let res = await call(state.discovery.mtls_endpoint_aliases.userinfo_endpoint, { tls: state.tls, headers: bearer });
  expect(res.status === 200 && res.json.sub === CPF, `bound: ${describe(res)}`);
  const body = res.text;
  res = await call(state.discovery.mtls_endpoint_aliases.userinfo_endpoint, { tls: state.otherTls, headers: bearer });
  expect(res.status === 401, `other certificate: ${describe(res)}`);
  res = await call(state.discovery.mtls_endpoint_aliases.userinfo_endpoint, { headers: bearer });
  expect(res.status === 401, `no certificate: ${describe(res)}`);
  return body;
});

await step('refresh_token: new access token, rotated refresh token', async () => {
  const res = await call(state.discovery.mtls_endpoint_aliases.token_endpoint, {
    method: 'POST', tls: state.tls, ...form({ grant_type: 'refresh_token', refresh_token: state.tokens.refresh_token, ...await clientAuth() }),
  });
  expect(res.status === 200 && res.json.access_token && res.json.access_token !== state.tokens.access_token, describe(res));
  state.refreshed = res.json;
  return res.json.refresh_token !== state.tokens.refresh_token ? 'rotated' : 'not rotated (rotation off)';
});

await step('client_credentials with scope payments', async () => {
  const res = await call(state.discovery.mtls_endpoint_aliases.token_endpoint, {
    method: 'POST', tls: state.tls, ...form({ grant_type: 'client_credentials', scope: 'payments', ...await clientAuth() }),
  });
  expect(res.status === 200 && res.json.access_token && res.json.scope === 'payments', describe(res));
  expect(!res.json.refresh_token && !res.json.id_token, 'unexpected refresh or id token');
  return `expires_in ${res.json.expires_in}`;
});

await step('deny: JARM response with error access_denied and state', async () => {
  const flow = await pushAuthorizationRequest();
  expect(flow.res.status === 201, describe(flow.res));
  const back = await authorize(flow, 'deny');
  const { payload } = await verifyJarm(back.searchParams.get('response'));
  expect(payload.error === 'access_denied' && payload.state === flow.state, JSON.stringify(payload));
});

await step('hybrid code id_token (fragment), as Ponte falls back to', async () => {
  const flow = await pushAuthorizationRequest({ response_type: 'code id_token', response_mode: undefined });
  expect(flow.res.status === 201, describe(flow.res));
  const back = await authorize(flow, 'approve');
  const fragment = new URLSearchParams(back.hash.slice(1));
  expect(fragment.get('code') && fragment.get('id_token') && fragment.get('state') === flow.state, `fragment ${back.hash}`);
  const { payload } = await jose.jwtVerify(fragment.get('id_token'), state.jwks, {
    issuer: state.discovery.issuer, audience: state.client.client_id, algorithms: ['PS256'],
  });
  expect(payload.nonce === flow.nonce && payload.c_hash && payload.s_hash && payload.acr === LOA2, JSON.stringify(payload));
  return `front-channel id_token claims ${Object.keys(payload).join(',')}`;
});

await step('refresh token reuse after rotation is refused', async () => {
  if (state.refreshed.refresh_token === state.tokens.refresh_token) return 'skipped: rotation off';
  const res = await call(state.discovery.mtls_endpoint_aliases.token_endpoint, {
    method: 'POST', tls: state.tls, ...form({ grant_type: 'refresh_token', refresh_token: state.tokens.refresh_token, ...await clientAuth() }),
  });
  expect(res.status === 400 && res.json?.error === 'invalid_grant', describe(res));
  return undefined;
});

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
