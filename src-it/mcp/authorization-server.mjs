// A real OAuth 2.1 authorization server for the MCP tests: oidc-provider, with the client-credentials grant and
// resource indicators (RFC 8707), issuing JWT access tokens whose audience is the resource the client names.
// Usage: node authorization-server.mjs <client-id> <client-secret>; prints "ready <issuer>" once it listens.
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const [clientId, clientSecret] = process.argv.slice(2);
const SCOPES = 'mcp:read mcp:admin';

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    grant_types: ['client_credentials'],
    redirect_uris: [],
    response_types: [],
    token_endpoint_auth_method: 'client_secret_basic',
    scope: SCOPES,
  }],
  scopes: SCOPES.split(' '),
  jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'mcp-test', use: 'sig', alg: 'RS256' }] },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      // Only loopback resources: the demo under test.
      getResourceServerInfo: (ctx, resource) => {
        if (!/^http:\/\/(localhost|127\.0\.0\.1):\d+\//.test(resource)) {
          throw new Error(`not a test resource: ${resource}`);
        }
        return {
          scope: SCOPES,
          audience: resource,
          accessTokenFormat: 'jwt',
          accessTokenTTL: 300,
          jwt: { sign: { alg: 'RS256' } },
        };
      },
    },
  },
});
provider.proxy = false;
server.on('request', provider.callback());
console.log(`ready ${issuer}`);
