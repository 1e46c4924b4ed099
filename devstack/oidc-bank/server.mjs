// oidc-bank: a second, independent test authorisation server for Ponte, built on oidc-provider and
// configured for the Open Finance Brasil FAPI profile (FAPI 1.0 Advanced + fapi-id3 + dcr-id3).
// Development and tests only: anybody holding a directory certificate may register and any CPF logs in.
import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import { parseArgs } from 'node:util';

import Provider, { errors, interactionPolicy } from 'oidc-provider';

// ---------------------------------------------------------------------------------------------
// Configuration: command-line options, else environment variables, else defaults.
// ---------------------------------------------------------------------------------------------
const OPTIONS = {
  port: ['OIDC_BANK_PORT', '8543'],
  issuer: ['OIDC_BANK_ISSUER', undefined], // default https://localhost:<port>
  'tls-key': ['OIDC_BANK_TLS_KEY', undefined], // PEM private key of the HTTPS server
  'tls-cert': ['OIDC_BANK_TLS_CERT', undefined], // PEM certificate (chain) of the HTTPS server
  'client-ca': ['OIDC_BANK_CLIENT_CA', undefined], // PEM CA bundle trusted for client certificates
  'directory-jwks-url': ['OIDC_BANK_DIRECTORY_JWKS_URL', 'http://localhost:8090/directory/jwks'],
  'signing-key': ['OIDC_BANK_SIGNING_KEY', undefined], // optional PKCS#8 PEM RSA key; generated if absent
  'rotate-refresh-tokens': ['OIDC_BANK_ROTATE_REFRESH_TOKENS', 'true'],
  'ssa-max-age': ['OIDC_BANK_SSA_MAX_AGE', '300'], // seconds a software statement's iat may be old
};
const { values: args } = parseArgs({
  options: Object.fromEntries(Object.keys(OPTIONS).map((name) => [name, { type: 'string' }])),
});
const config = Object.fromEntries(Object.entries(OPTIONS).map(([name, [env, fallback]]) => [
  name, args[name] ?? process.env[env] ?? fallback,
]));
for (const required of ['tls-key', 'tls-cert', 'client-ca']) {
  if (!config[required]) {
    console.error(`oidc-bank: --${required} (or ${OPTIONS[required][0]}) is required`);
    process.exit(2);
  }
}
const PORT = Number(config.port);
const ISSUER = config.issuer ?? `https://localhost:${PORT}`;
const SSA_MAX_AGE = Number(config['ssa-max-age']);
const ROTATE_REFRESH_TOKENS = config['rotate-refresh-tokens'] !== 'false';

const log = (...parts) => console.log(new Date().toISOString(), ...parts);

// ---------------------------------------------------------------------------------------------
// The profile's constants.
// ---------------------------------------------------------------------------------------------
const LOA2 = 'urn:brasil:openbanking:loa2';
const LOA3 = 'urn:brasil:openbanking:loa3';
const API_SCOPES = ['payments', 'consents', 'accounts', 'resources'];
const SCOPES = ['openid', ...API_SCOPES];
// fapi-id3 "Dynamic Consent Scope Definition": consent:<url-safe, namespaced id>
const CONSENT_SCOPE = /^consent:[\w:.-]+$/;
// dcr-id3 7.2: the scopes each directory role may register (restricted to those this bank offers)
const ROLE_SCOPES = {
  DADOS: ['openid', 'accounts', 'consents', 'resources'],
  PAGTO: ['openid', 'payments'],
};
// fragment for `code id_token`; JARM for both (oidc-provider's FAPI 1.0 check refuses `code` without it)
const RESPONSE_MODES = ['fragment', 'jwt', 'query.jwt', 'fragment.jwt'];
const ROUTES = {
  authorization: '/authorize',
  pushed_authorization_request: '/par',
  token: '/token',
  registration: '/register',
  userinfo: '/userinfo',
  introspection: '/introspection',
  revocation: '/revocation',
  jwks: '/jwks',
};
// oidc-provider 9 keeps scopes it does not know (consent:<id>) only for a resource server (RFC 8707):
// every request names this one by default, whose scopes are the APIs' and the request's consent scope
const RESOURCE = new URL('/open-banking', ISSUER).href;
const MTLS_ROUTES = ['token', 'pushed_authorization_request', 'registration', 'userinfo', 'introspection', 'revocation'];

// ---------------------------------------------------------------------------------------------
// Keys: the bank's PS256 key (id_tokens, JARM responses), generated at start unless given.
// ---------------------------------------------------------------------------------------------
// A generated key goes through PEM: on Node 20, exporting as JWK the KeyObject that generateKeyPairSync
// returned can deadlock when the garbage collector frees the generation job meanwhile (both lock the key).
const signingKey = crypto.createPrivateKey(config['signing-key'] ? fs.readFileSync(config['signing-key'])
  : crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  }).privateKey);
const signingJwk = signingKey.export({ format: 'jwk' });
// kid = RFC 7638 thumbprint, as the sandbox and the directory do
signingJwk.kid = crypto.hash('sha256', JSON.stringify({ e: signingJwk.e, kty: 'RSA', n: signingJwk.n }), 'base64url');
Object.assign(signingJwk, { use: 'sig', alg: 'PS256' });

// ---------------------------------------------------------------------------------------------
// The directory's keys, which sign software statements. oidc-provider's client metadata validator
// must be synchronous, so the keys are cached: fetched at start, before a registration when the cache
// is older than a minute, and again (for the client's retry) when a statement names an unknown kid.
// ---------------------------------------------------------------------------------------------
const directory = { keys: new Map(), fetchedAt: 0, pending: null };

function refreshDirectoryKeys() {
  directory.pending ??= (async () => {
    try {
      const response = await fetch(config['directory-jwks-url'], { signal: AbortSignal.timeout(5000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const { keys } = await response.json();
      directory.keys = new Map(keys.filter((jwk) => jwk.kty === 'RSA' && jwk.kid)
        .map((jwk) => [jwk.kid, crypto.createPublicKey({ key: { kty: jwk.kty, n: jwk.n, e: jwk.e }, format: 'jwk' })]));
      directory.fetchedAt = Date.now();
    } catch (err) {
      log(`directory JWKS ${config['directory-jwks-url']} unavailable: ${err.message}`);
    } finally {
      directory.pending = null;
    }
  })();
  return directory.pending;
}

/** Verifies a PS256 compact JWS synchronously against the cached directory keys; returns its claims. */
function verifySoftwareStatement(jws) {
  const parts = typeof jws === 'string' ? jws.split('.') : [];
  if (parts.length !== 3) throw new errors.InvalidSoftwareStatement('software_statement must be a signed JWT');
  let header;
  let claims;
  try {
    header = JSON.parse(Buffer.from(parts[0], 'base64url'));
    claims = JSON.parse(Buffer.from(parts[1], 'base64url'));
  } catch {
    throw new errors.InvalidSoftwareStatement('software_statement cannot be parsed');
  }
  if (header.alg !== 'PS256') throw new errors.InvalidSoftwareStatement('software_statement must be signed PS256');
  const key = directory.keys.get(header.kid);
  if (!key) {
    refreshDirectoryKeys();
    throw new errors.InvalidSoftwareStatement('software_statement is not signed by a key of the directory');
  }
  const valid = crypto.verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), {
    key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32,
  }, Buffer.from(parts[2], 'base64url'));
  if (!valid) throw new errors.InvalidSoftwareStatement('software_statement signature is invalid');
  const now = Math.floor(Date.now() / 1000);
  if (!Number.isInteger(claims.iat) || claims.iat < now - SSA_MAX_AGE || claims.iat > now + 60) {
    throw new errors.InvalidSoftwareStatement(`software_statement iat must be within the last ${SSA_MAX_AGE} seconds`);
  }
  if (typeof claims.software_id !== 'string' || typeof claims.org_id !== 'string') {
    throw new errors.InvalidSoftwareStatement('software_statement lacks software_id or org_id');
  }
  return claims;
}

// ---------------------------------------------------------------------------------------------
// Client certificates. The TLS server asks for one but lets the handshake go on without a trusted one
// (discovery, jwks and the user's pages are for everybody); an untrusted certificate counts as none.
// ---------------------------------------------------------------------------------------------
function peerCertificate(ctx) {
  const { socket } = ctx.req;
  return socket.authorized ? socket.getPeerX509Certificate() : undefined;
}

/** The certificate is one the directory issued for this software statement (dcr-id3: UID and organizationIdentifier, or OU). */
function certificateOf(cert, softwareId, orgId) {
  const subject = Object.fromEntries(cert.subject.split('\n').map((rdn) => {
    const at = rdn.indexOf('=');
    return [rdn.slice(0, at), rdn.slice(at + 1)];
  }));
  return subject.UID === softwareId
    && (subject.organizationIdentifier === `OFBBR-${orgId}` || subject.OU === orgId);
}

function invalidClient(detail) {
  return new errors.InvalidClientAuth(detail);
}

// ---------------------------------------------------------------------------------------------
// Dynamic client registration: the software statement decides the client's identity and keys.
// ---------------------------------------------------------------------------------------------
// software_id -> client_id of the registered clients (kept in memory, as oidc-provider's adapter is)
const clientOfSoftware = new Map();

function applySoftwareStatement(ctx, jws, metadata) {
  const ssa = verifySoftwareStatement(jws);
  const cert = peerCertificate(ctx);
  if (!cert) throw invalidClient('a trusted client certificate is required');
  if (!certificateOf(cert, ssa.software_id, ssa.org_id)) {
    throw invalidClient("the client certificate is not one of the software statement's");
  }
  const registered = ctx.oidc.entities.Client; // set on an update (RFC 7592 PUT)
  if (registered && registered.software_id !== ssa.software_id) {
    throw new errors.InvalidSoftwareStatement('software_statement is of another software');
  }
  if (!registered && clientOfSoftware.has(ssa.software_id)) {
    // dcr-id3 9.3.1-5: one registration per software statement
    throw new errors.InvalidClientMetadata(`the software statement is already registered as client ${clientOfSoftware.get(ssa.software_id)}`);
  }
  if (metadata.jwks !== undefined) {
    throw new errors.InvalidClientMetadata("jwks is not accepted: the client's keys are those of software_jwks_uri");
  }
  if (metadata.jwks_uri !== undefined && metadata.jwks_uri !== ssa.software_jwks_uri) {
    throw new errors.InvalidClientMetadata("jwks_uri must be the software statement's software_jwks_uri");
  }
  metadata.jwks_uri = ssa.software_jwks_uri;

  const allowedUris = Array.isArray(ssa.software_redirect_uris) ? ssa.software_redirect_uris : [];
  metadata.redirect_uris ??= allowedUris;
  if (!Array.isArray(metadata.redirect_uris) || !metadata.redirect_uris.every((uri) => allowedUris.includes(uri))) {
    // a description starting with "redirect_uris" makes oidc-provider answer invalid_redirect_uri
    throw new errors.InvalidClientMetadata("redirect_uris must all be among the software statement's software_redirect_uris");
  }

  if (metadata.tls_client_certificate_bound_access_tokens === false) {
    throw new errors.InvalidClientMetadata('tls_client_certificate_bound_access_tokens must be true');
  }
  metadata.tls_client_certificate_bound_access_tokens = true;

  const roles = Array.isArray(ssa.software_roles) ? ssa.software_roles : [];
  const allowedScopes = [...new Set(roles.flatMap((role) => ROLE_SCOPES[role] ?? []))];
  if (metadata.scope !== undefined) {
    const unknown = String(metadata.scope).split(' ').filter((scope) => !allowedScopes.includes(scope));
    if (unknown.length) {
      throw new errors.InvalidClientMetadata(`scope ${unknown.join(' ')} is not permitted by the software statement's roles`);
    }
  } else {
    metadata.scope = allowedScopes.join(' ');
  }

  metadata.response_modes = RESPONSE_MODES;
  metadata.client_name ??= ssa.software_client_name;
  metadata.software_id = ssa.software_id;
  metadata.org_id = ssa.org_id;
}

function validateClientMetadata(ctx, key, value, metadata) {
  if (key === 'software_statement' && Array.isArray(metadata.grant_types)) {
    // oidc-provider refuses http and localhost redirect URIs for a client whose grant_types list
    // `implicit` (which OIDC Registration pairs with `code id_token`), but checks the list as given,
    // before it adds `implicit` itself for a `code id_token` client. Dropping it here, at registration
    // and whenever the stored client is loaded, lets such a client keep http://localhost callbacks,
    // as sandbox-bank allows for development.
    metadata.grant_types = metadata.grant_types.filter((grant) => grant !== 'implicit');
  }
  if (!ctx) return; // a stored client being loaded: it was validated when registered
  switch (key) {
    case 'software_statement':
      if (value === undefined) throw new errors.InvalidSoftwareStatement('software_statement is required');
      applySoftwareStatement(ctx, value, metadata);
      break;
    case 'webhook_uris':
      if (value !== undefined && (!Array.isArray(value) || !value.every((uri) => URL.canParse(uri)
        && ['https:', 'http:'].includes(new URL(uri).protocol) && !uri.includes('#') && !uri.includes('?')))) {
        throw new errors.InvalidClientMetadata('webhook_uris must be absolute URIs without query or fragment');
      }
      break;
    default: // software_id, org_id: taken from the software statement
  }
}

// ---------------------------------------------------------------------------------------------
// Request objects (all requests come through PAR, signed PS256).
// ---------------------------------------------------------------------------------------------
async function assertRequestObject(ctx, claims) {
  // oidc-provider's FAPI defaults, which configuring this helper replaces
  for (const claim of ['exp', 'nbf', 'aud']) {
    if (claims[claim] === undefined) throw new errors.InvalidRequestObject(`Request Object is missing the '${claim}' claim`);
  }
  const lifetime = claims.exp - claims.nbf;
  if (!(lifetime > 0 && lifetime <= 3600)) {
    throw new errors.InvalidRequestObject("Request Object 'exp' claim too far from 'nbf' claim");
  }
  // fapi-id3 5.2.2-21
  if (claims.id_token_hint !== undefined) {
    throw new errors.InvalidRequestObject('id_token_hint is not accepted (Open Finance Brasil FAPI 5.2.2-21)');
  }
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
  const unknown = scopes.filter((scope) => !SCOPES.includes(scope) && !CONSENT_SCOPE.test(scope));
  if (unknown.length) throw new errors.InvalidScope('requested scope is not supported', unknown.join(' '));
  if (scopes.filter((scope) => CONSENT_SCOPE.test(scope)).length > 1) {
    throw new errors.InvalidScope('at most one consent scope may be requested');
  }
}

// ---------------------------------------------------------------------------------------------
// The provider.
// ---------------------------------------------------------------------------------------------
const policy = interactionPolicy.base();
// Every authorisation asks the user, even with a live session (a consent:<id> scope is new each time).
policy.get('login').checks.unshift(new interactionPolicy.Check('every_request', 'every authorisation needs the user', (ctx) => (
  ctx.oidc.result?.login ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT)));

const mtlsAliases = Object.fromEntries(MTLS_ROUTES.map((route) => [
  route === 'pushed_authorization_request' ? 'pushed_authorization_request_endpoint'
    : route === 'registration' ? 'registration_endpoint' : `${route}_endpoint`,
  new URL(ROUTES[route], ISSUER).href,
]));

const provider = new Provider(ISSUER, {
  jwks: { keys: [signingJwk] },
  cookies: { keys: [crypto.randomBytes(32).toString('base64url')] },
  routes: ROUTES,
  scopes: SCOPES,
  claims: { openid: ['sub', 'cpf'] },
  acrValues: [LOA2, LOA3],
  responseTypes: ['code id_token', 'code'],
  subjectTypes: ['public'],
  clientAuthMethods: ['private_key_jwt'],
  enabledJWA: {
    clientAuthSigningAlgValues: ['PS256'],
    idTokenSigningAlgValues: ['PS256'],
    requestObjectSigningAlgValues: ['PS256'],
    authorizationSigningAlgValues: ['PS256'],
    userinfoSigningAlgValues: ['PS256'],
    introspectionSigningAlgValues: ['PS256'],
  },
  clientDefaults: {
    token_endpoint_auth_method: 'private_key_jwt',
    token_endpoint_auth_signing_alg: 'PS256',
    id_token_signed_response_alg: 'PS256',
    request_object_signing_alg: 'PS256',
    authorization_signed_response_alg: 'PS256',
    response_types: ['code id_token'],
    grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
    tls_client_certificate_bound_access_tokens: true,
  },
  extraClientMetadata: {
    properties: ['software_statement', 'software_id', 'org_id', 'webhook_uris'],
    validator: validateClientMetadata,
  },
  features: {
    fapi: { enabled: true, profile: '1.0 Final' },
    pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: true },
    requestObjects: { enabled: true, requireSignedRequestObject: true, assertJwtClaimsAndHeader: assertRequestObject },
    jwtResponseModes: { enabled: true },
    claimsParameter: { enabled: true },
    userinfo: { enabled: true },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => RESOURCE,
      // with openid asked and no `resource` at /token, the access token is the userinfo one, carrying
      // every granted scope (consent:<id> too, granted as an OpenID scope at the approval)
      useGrantedResource: () => false,
      getResourceServerInfo(ctx, indicator) {
        if (indicator !== RESOURCE) throw new errors.InvalidTarget();
        const consent = ctx.oidc.params.grant_type === 'client_credentials' ? []
          : (ctx.oidc.params.scope ?? '').split(' ').filter((scope) => CONSENT_SCOPE.test(scope));
        return { scope: [...API_SCOPES, ...consent].join(' '), accessTokenFormat: 'opaque', accessTokenTTL: 900 };
      },
    },
    // a client may introspect its own tokens only
    introspection: { enabled: true, allowedPolicy: (ctx, client, token) => token.clientId === client.clientId },
    revocation: { enabled: true },
    registration: { enabled: true, initialAccessToken: false },
    registrationManagement: { enabled: true, rotateRegistrationAccessToken: false },
    mTLS: {
      enabled: true,
      certificateBoundAccessTokens: true,
      getCertificate: peerCertificate,
    },
    dPoP: { enabled: false }, // the profile binds tokens with mutual TLS only
    devInteractions: { enabled: false },
    rpInitiatedLogout: { enabled: false },
  },
  pkce: { required: () => true }, // S256 is the only method oidc-provider 9 supports
  // private_key_jwt at /par, /token, /introspection, /revocation also needs the client's own certificate
  async assertJwtClientAuthClaimsAndHeader(ctx, claims, header, client) {
    const cert = peerCertificate(ctx);
    if (!cert) throw invalidClient('a trusted client certificate is required');
    if (!certificateOf(cert, client.software_id, client.org_id)) {
      throw invalidClient("the client certificate is not one of the client's software statement");
    }
  },
  // fapi-id3 5.2.2-12: a refresh token with every authorization_code grant (no offline_access needed)
  async issueRefreshToken(ctx, client) {
    return client.grantTypeAllowed('refresh_token');
  },
  rotateRefreshToken: ROTATE_REFRESH_TOKENS,
  async findAccount(ctx, id) {
    // the front-channel id_token (code id_token) never carries the CPF, which is personal data (fapi-id3
    // "ID Token as detached signature" 1-3); the token endpoint's id_token and userinfo do
    const frontChannel = ['authorization', 'resume'].includes(ctx.oidc.route);
    return { accountId: id, claims: async (use) => (use === 'id_token' && frontChannel ? { sub: id } : { sub: id, cpf: id }) };
  },
  // oidc-provider refuses outgoing requests to loopback and private addresses (SSRF protection); the
  // clients' jwks_uri is the directory's (registration makes sure), which is on localhost in development
  fetch(url, options) {
    const trusted = new URL(url).origin === new URL(config['directory-jwks-url']).origin;
    return fetch(url, trusted ? { ...options, dispatcher: undefined } : options);
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}`, policy },
  discovery: { mtls_endpoint_aliases: mtlsAliases },
  ttl: {
    AccessToken: 900, // fapi-id3 5.2.2-13: 300 to 900 s
    ClientCredentials: 900,
    AuthorizationCode: 60,
    IdToken: 600,
    RefreshToken: 365 * 24 * 3600,
    Interaction: 600,
    Session: 600,
    Grant: 365 * 24 * 3600,
  },
  async renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = page('Error', `<p>${escape(out.error)}: ${escape(out.error_description ?? '')}</p>`);
  },
});

provider.on('registration_create.success', (ctx, client) => clientOfSoftware.set(client.software_id, client.clientId));
provider.on('registration_delete.success', (ctx, client) => clientOfSoftware.delete(client.software_id));
for (const event of ['authorization.error', 'backchannel.error', 'grant.error', 'pushed_authorization_request.error',
  'registration_create.error', 'registration_update.error', 'registration_read.error', 'registration_delete.error',
  'userinfo.error', 'introspection.error', 'revocation.error', 'server_error']) {
  provider.on(event, (ctx, err) => {
    // error_detail (and its cause) say why, e.g. why a client authentication failed
    const detail = [err.error_detail, err.cause?.error_description].filter(Boolean).join(': ');
    log(`  ${event}: ${err.error ?? err.name} ${err.error_description ?? err.message}${detail ? ` (${detail})` : ''}`);
  });
}

// ---------------------------------------------------------------------------------------------
// The user's approval: a minimal page and two form posts, so tests need no browser.
// ---------------------------------------------------------------------------------------------
const escape = (value) => String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title, body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body>${body}</body></html>`;

async function readForm(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > 16384) throw new errors.InvalidRequest('form too large');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** What the request's claims parameter asks of cpf: a failed authentication when it cannot be met (fapi-id3 5.2.2.2). */
function cpfMismatch(claimsParam, cpf) {
  const claims = claimsParam ? JSON.parse(claimsParam) : {};
  return ['id_token', 'userinfo'].some((where) => {
    const asked = claims[where]?.cpf;
    return asked?.essential && ((asked.value !== undefined && asked.value !== cpf)
      || (Array.isArray(asked.values) && !asked.values.includes(cpf)));
  });
}

async function interaction(ctx, uid, action) {
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  if (details.uid !== uid) throw new errors.SessionNotFound('interaction session not found');
  const { params } = details;
  if (!action && ctx.method === 'GET') {
    ctx.type = 'html';
    ctx.body = page('Authorise', `<h1>Authorise ${escape(params.client_id)}</h1><p>Scopes: ${escape(params.scope)}</p>
<form method="post" action="/interaction/${escape(uid)}/approve"><label>CPF <input name="user" pattern="\\d{11}" required></label>
<button>Approve</button><button formaction="/interaction/${escape(uid)}/deny" formnovalidate>Deny</button></form>`);
    return;
  }
  if (ctx.method !== 'POST' || !action) {
    ctx.status = 405;
    return;
  }
  let result;
  if (action === 'deny') {
    result = { error: 'access_denied', error_description: 'the user denied the authorisation' };
  } else {
    const form = await readForm(ctx.req);
    const cpf = form.get('user') ?? '';
    const acr = form.get('acr') ?? LOA2;
    if (!/^\d{11}$/.test(cpf) || ![LOA2, LOA3].includes(acr)) {
      ctx.status = 400;
      ctx.type = 'html';
      ctx.body = page('Authorise', '<p>user must be an 11-digit CPF; acr loa2 or loa3</p>');
      return;
    }
    if (cpfMismatch(params.claims, cpf)) {
      ctx.status = 400;
      ctx.type = 'html';
      ctx.body = page('Authorise', '<p>This CPF is not the one the request names.</p>');
      return;
    }
    // grant everything asked: the static scopes and the consent:<id> one (checked at PAR), and the claims
    const grant = new provider.Grant({ accountId: cpf, clientId: params.client_id });
    grant.addOIDCScope(params.scope);
    if (params.resource) grant.addResourceScope(params.resource, params.scope.split(' ').filter((scope) => scope !== 'openid'));
    const claims = params.claims ? JSON.parse(params.claims) : {};
    grant.addOIDCClaims([...new Set([...Object.keys(claims.id_token ?? {}), ...Object.keys(claims.userinfo ?? {})])]);
    result = {
      login: { accountId: cpf, acr, amr: ['pwd'], remember: false },
      consent: { grantId: await grant.save() },
    };
  }
  log(`  interaction ${uid}: ${action}${result.login ? ` ${result.login.accountId} scope "${params.scope}"` : ''}`);
  ctx.status = 303;
  ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false }));
}

// ---------------------------------------------------------------------------------------------
// Middleware before oidc-provider's routes.
// ---------------------------------------------------------------------------------------------
provider.use(async (ctx, next) => {
  const started = Date.now();
  try {
    const match = ctx.path.match(/^\/interaction\/([\w-]+)(?:\/(approve|deny))?$/);
    if (match) {
      await interaction(ctx, match[1], match[2]);
      return;
    }
    if (ctx.path === ROUTES.registration || ctx.path.startsWith(`${ROUTES.registration}/`)) {
      // registration and its management (RFC 7592) are over mutual TLS, the latter with a certificate of
      // the client's software statement (dcr-id3)
      const cert = peerCertificate(ctx);
      const client = ctx.path === ROUTES.registration ? undefined
        : await provider.Client.find(ctx.path.slice(ROUTES.registration.length + 1));
      if (!cert || (client && !certificateOf(cert, client.software_id, client.org_id))) {
        ctx.status = 401;
        ctx.set('cache-control', 'no-store');
        ctx.body = { error: 'invalid_client', error_description: 'a certificate of the software statement is required' };
        return;
      }
      if (Date.now() - directory.fetchedAt > 60_000) await refreshDirectoryKeys();
    }
    await next();
    if (ctx.path === '/.well-known/openid-configuration' && ctx.body && typeof ctx.body === 'object') {
      // advertise only what registered clients may use (fapi-id3 5.2.2-19): no form_post, no plain query
      ctx.body.response_modes_supported = RESPONSE_MODES;
    }
  } finally {
    log(`${ctx.method} ${ctx.path} ${ctx.status} ${Date.now() - started}ms`
      + `${ctx.req.socket.authorized ? ' mtls' : ''}${ctx.status >= 400 && ctx.body?.error ? ` ${ctx.body.error}` : ''}`);
  }
});

// ---------------------------------------------------------------------------------------------
// HTTPS (fapi-id3 "Secure Use of TLS"): the profile's TLS 1.2 suites or TLS 1.3; no session
// resumption (no tickets; Node keeps no server-side session-id cache unless asked to) and no
// renegotiation.
// ---------------------------------------------------------------------------------------------
const server = https.createServer({
  key: fs.readFileSync(config['tls-key']),
  cert: fs.readFileSync(config['tls-cert']),
  ca: fs.readFileSync(config['client-ca']),
  requestCert: true,
  rejectUnauthorized: false,
  minVersion: 'TLSv1.2',
  ciphers: 'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384',
  honorCipherOrder: true,
  dhparam: 'auto',
  secureOptions: crypto.constants.SSL_OP_NO_TICKET | crypto.constants.SSL_OP_NO_RENEGOTIATION,
}, provider.callback());

await refreshDirectoryKeys();
server.listen(PORT, () => {
  log(`oidc-bank listening on ${ISSUER}`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
