import { createAuthority, issue, type Issued, type TestAuthority } from '../../src/demo/pki';

/** A test CA with a server certificate for the loopback names, as a private gateway would have. */
export interface GatewayPki {
  authority: TestAuthority;
  server: Issued;
  /** leaf + intermediate, what a correctly configured server sends. */
  fullChain: string;
}

export const LOOPBACK_NAMES = ['localhost', 'multi.test', '127.0.0.1', '::1'];

export function makeGatewayPki(name = 'Gateway'): GatewayPki {
  const authority = createAuthority(name);
  const server = issue(authority.intermediate, { commonName: 'localhost', altNames: LOOPBACK_NAMES });
  return { authority, server, fullChain: server.certPem + authority.intermediate.certPem };
}
