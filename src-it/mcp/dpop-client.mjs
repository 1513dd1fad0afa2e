// An independent DPoP client (RFC 9449) for the integration tests: key pairs and proofs made by the `dpop` library,
// deliberately defective proofs made by `jose`, and DPoP-bound access tokens obtained from a real token endpoint.
// Nothing here is JwtGuard's code, so the tests check JwtGuard against another implementation's reading of the RFC.
//
// Usage: node dpop-client.mjs. It reads one JSON request a line on stdin and writes one JSON answer a line on stdout,
// in order, so a test keeps its key pairs in this process for as long as it needs them:
//   {"op":"key","id":"a","alg":"ES256"|"Ed25519"}      -> {"jkt":"...","alg":"..."}
//   {"op":"token","key":"a","endpoint":"...","client":"...","secret":"...","form":{...},"alg":"..."}
//                                                       -> {"status":200,"body":{...},"nonces":[...]}
//   {"op":"proof","key":"a","htm":"GET","htu":"...","accessToken":"...","nonce":"...","alg":"...","defect":"..."}
//                                                       -> {"proof":"..."}
// A failure is answered {"error":"..."}. "alg" is optional: "EdDSA" signs an Ed25519 key's proof under the alg name of
// RFC 8037, which servers list more often than the library's Ed25519 (RFC 9864). Defects, all optional: "iat-old"
// (issued 10 minutes ago), "hs256" (an HMAC proof), "none" (an unsigned proof), "private-jwk" (the header's jwk
// carries the private key), "foreign-jwk" (signed by the key, but the header's jwk is another key's).
import { createInterface } from 'node:readline';
import * as DPoP from 'dpop';
import { SignJWT, base64url, exportJWK, generateSecret } from 'jose';

const keys = new Map();

async function createKey({ id, alg }) {
  const pair = await DPoP.generateKeyPair(alg, { extractable: true });
  keys.set(id, { alg, pair });
  return { jkt: await DPoP.calculateThumbprint(pair.publicKey), alg };
}

function keyNamed(id) {
  const key = keys.get(id);
  if (!key) {
    throw new Error(`no key ${id}: create it first with {"op":"key"}`);
  }
  return key;
}

// The token endpoint with a proof for it; once more with the server's nonce when it asks for one (RFC 9449, section 8).
async function token({ key, endpoint, client, secret, form, alg }) {
  const nonces = [];
  let nonce;
  for (let attempt = 0; attempt < 2; attempt++) {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(client)}:${encodeURIComponent(secret)}`).toString('base64')}`,
        dpop: (await proof({ key, htm: 'POST', htu: endpoint, nonce, alg })).proof,
      },
      body: new URLSearchParams(form).toString(),
    });
    const text = await response.text();
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      body = { unparsed: text };
    }
    const offered = response.headers.get('dpop-nonce');
    if (response.status === 400 && body.error === 'use_dpop_nonce' && offered && nonce === undefined) {
      nonces.push(offered);
      nonce = offered;
      continue;
    }
    return { status: response.status, body, nonces };
  }
  throw new Error('the token endpoint asked for a nonce again after one was sent');
}

function claimsFor({ htm, htu, nonce }) {
  const claims = { htm, htu, jti: crypto.randomUUID() };
  if (nonce !== undefined && nonce !== null) {
    claims.nonce = nonce;
  }
  return claims;
}

async function ath(accessToken) {
  return base64url.encode(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(accessToken))));
}

async function publicJwk(pair) {
  const { kty, crv, x, y, e, n } = await exportJWK(pair.publicKey);
  return Object.fromEntries(Object.entries({ kty, crv, x, y, e, n }).filter(([, value]) => value !== undefined));
}

async function proof(request) {
  const { pair, alg: keyAlg } = keyNamed(request.key);
  const { htm, htu, accessToken, nonce, defect } = request;
  const alg = request.alg ?? keyAlg;
  if (!defect && alg === keyAlg) {
    return { proof: await DPoP.generateProof(pair, htu, htm, nonce ?? undefined, accessToken ?? undefined) };
  }
  const claims = claimsFor(request);
  if (accessToken) {
    claims.ath = await ath(accessToken);
  }
  const now = Math.floor(Date.now() / 1000);
  const jwk = await publicJwk(pair);
  switch (defect) {
    case undefined:
      return { proof: await new SignJWT(claims).setProtectedHeader({ alg, typ: 'dpop+jwt', jwk }).setIssuedAt(now)
          .sign(pair.privateKey) };
    case 'iat-old':
      return { proof: await new SignJWT(claims).setProtectedHeader({ alg, typ: 'dpop+jwt', jwk }).setIssuedAt(now - 600)
          .sign(pair.privateKey) };
    case 'private-jwk': {
      const full = await exportJWK(pair.privateKey);
      return { proof: await new SignJWT(claims).setProtectedHeader({ alg, typ: 'dpop+jwt', jwk: full }).setIssuedAt(now)
          .sign(pair.privateKey) };
    }
    case 'foreign-jwk': {
      // The signature is the key's own; the header names a stranger's key, with which it cannot verify.
      const stranger = await DPoP.generateKeyPair(keyAlg, { extractable: true });
      return { proof: await new SignJWT(claims).setProtectedHeader({ alg, typ: 'dpop+jwt', jwk: await publicJwk(stranger) })
          .setIssuedAt(now).sign(pair.privateKey) };
    }
    case 'hs256':
      // The public key in the header, a MAC by a secret no verifier has: a symmetric algorithm is never a proof.
      return { proof: await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'dpop+jwt', jwk }).setIssuedAt(now)
          .sign(await generateSecret('HS256')) };
    case 'none': {
      // jose's UnsecuredJWT writes no header but {"alg":"none"}: this one carries typ and jwk too, and no signature.
      const encode = (value) => base64url.encode(new TextEncoder().encode(JSON.stringify(value)));
      return { proof: `${encode({ alg: 'none', typ: 'dpop+jwt', jwk })}.${encode({ ...claims, iat: now })}.` };
    }
    default:
      throw new Error(`unknown defect ${defect}`);
  }
}

const operations = { key: createKey, token, proof };

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (line.trim() === '') {
    continue;
  }
  let answer;
  try {
    const request = JSON.parse(line);
    const operation = operations[request.op];
    if (!operation) {
      throw new Error(`unknown op ${request.op}`);
    }
    answer = await operation(request);
  } catch (e) {
    answer = { error: String(e?.stack ?? e) };
  }
  process.stdout.write(`${JSON.stringify(answer)}\n`);
}
