import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * A certificate authority run with Debian's openssl CLI in a temp folder, so the tests also
 * read what the real tool makes (not only node-forge's output): `openssl req`, `x509 -req`
 * with extension files, `ca -valid/-revoke/-gencrl`, `pkcs12 -export`, and `openssl ocsp`
 * as a real OCSP responder on loopback.
 */
const run = promisify(execFile);

export async function openssl(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('openssl', args, { cwd, maxBuffer: 8 * 1024 * 1024 });
  return stdout;
}

export interface OpensslCa {
  dir: string;
  name: string;
  cert: string;
  key: string;
  /** Issues a leaf (or, with `ca: true`, a sub-CA) signed by this CA; returns the cert and key paths. */
  issue(name: string, options?: IssueOptions): Promise<{ cert: string; key: string }>;
  /** Records a certificate as valid (OCSP "good") or revoked in the CA database. */
  markValid(cert: string): Promise<void>;
  revoke(cert: string, reason?: string): Promise<void>;
  /** Writes the CRL (DER) and returns its path. */
  crl(): Promise<string>;
}

export interface IssueOptions {
  altNames?: string[];
  days?: number;
  ca?: boolean;
  ocspUrl?: string;
  crlUrl?: string;
  caIssuersUrl?: string;
  ocspSigning?: boolean;
  keyAlgorithm?: 'rsa' | 'ec';
}

export async function createOpensslCa(dir: string, name: string): Promise<OpensslCa> {
  const cert = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  await openssl(dir, 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-subj', `/CN=${name}/O=Invoice Doctor Tests`, '-days', '3650',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  const config = join(dir, `${name}.cnf`);
  await writeFile(join(dir, `${name}.index`), '');
  await writeFile(join(dir, `${name}.crlnumber`), '01\n');
  await writeFile(config, [
    '[ca]', 'default_ca = own', '[own]',
    `database = ${join(dir, `${name}.index`)}`, `certificate = ${cert}`, `private_key = ${key}`,
    `crlnumber = ${join(dir, `${name}.crlnumber`)}`, `new_certs_dir = ${dir}`, 'default_md = sha256', 'default_crl_days = 7',
    'policy = anything', '[anything]', 'commonName = supplied', '',
  ].join('\n'));
  return {
    dir, name, cert, key,
    issue: (leafName, options = {}) => issueFrom(dir, cert, key, leafName, options),
    markValid: async (leaf) => { await openssl(dir, 'ca', '-config', config, '-valid', leaf); },
    revoke: async (leaf, reason = 'keyCompromise') => { await openssl(dir, 'ca', '-config', config, '-revoke', leaf, '-crl_reason', reason); },
    crl: async () => {
      const pem = join(dir, `${name}.crl.pem`);
      await openssl(dir, 'ca', '-config', config, '-gencrl', '-out', pem);
      const der = join(dir, `${name}.crl`);
      await openssl(dir, 'crl', '-in', pem, '-outform', 'DER', '-out', der);
      return der;
    },
  };
}

/** Issues from any CA certificate and key on disk, e.g. an intermediate made with `issue(name, { ca: true })`. */
export async function issueFrom(dir: string, caCert: string, caKey: string, name: string, options: IssueOptions): Promise<{ cert: string; key: string }> {
  const key = join(dir, `${name}.key`);
  const csr = join(dir, `${name}.csr`);
  const cert = join(dir, `${name}.crt`);
  const keyArgs = options.keyAlgorithm === 'ec' ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'] : ['-newkey', 'rsa:2048'];
  await openssl(dir, 'req', '-new', ...keyArgs, '-nodes', '-keyout', key, '-out', csr, '-subj', `/CN=${name}`);
  const aia = [
    ...(options.ocspUrl ? [`OCSP;URI:${options.ocspUrl}`] : []),
    ...(options.caIssuersUrl ? [`caIssuers;URI:${options.caIssuersUrl}`] : []),
  ];
  const extensions = [
    options.ca ? 'basicConstraints=critical,CA:TRUE' : 'basicConstraints=CA:FALSE',
    options.ca ? 'keyUsage=critical,keyCertSign,cRLSign' : 'keyUsage=critical,digitalSignature,keyEncipherment',
    ...(options.ocspSigning ? ['extendedKeyUsage=OCSPSigning'] : options.ca ? [] : ['extendedKeyUsage=serverAuth,clientAuth']),
    ...(options.altNames?.length ? [`subjectAltName=${options.altNames.map((n) => (/^[\d.]+$|:/.test(n) ? `IP:${n}` : `DNS:${n}`)).join(',')}`] : []),
    ...(aia.length ? [`authorityInfoAccess=${aia.join(',')}`] : []),
    ...(options.crlUrl ? [`crlDistributionPoints=URI:${options.crlUrl}`] : []),
    'subjectKeyIdentifier=hash',
    'authorityKeyIdentifier=keyid',
  ];
  const extfile = join(dir, `${name}.ext`);
  await writeFile(extfile, `${extensions.join('\n')}\n`);
  await openssl(dir, 'x509', '-req', '-in', csr, '-CA', caCert, '-CAkey', caKey, '-CAcreateserial', '-out', cert, '-days', String(options.days ?? 365), '-sha256', '-extfile', extfile);
  return { cert, key };
}

/**
 * `openssl ocsp` answering for `ca` on `port` until `stop()`. OpenSSL 3.0's `-port` takes a number
 * only (no address), so the responder listens on every interface for the test's lifetime; the
 * tests only ever send to 127.0.0.1.
 */
export interface OcspResponder {
  stop(): Promise<void>;
}

export async function startOcspResponder(ca: OpensslCa, signer: { cert: string; key: string }, port: number): Promise<OcspResponder> {
  const child: ChildProcess = spawn('openssl', ['ocsp', '-index', join(ca.dir, `${ca.name}.index`), '-port', String(port), '-rsigner', signer.cert, '-rkey', signer.key, '-CA', ca.cert, '-ignore_err'], {
    cwd: ca.dir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolvePromise) => child.once('exit', () => resolvePromise()));
  // Readiness comes from the responder's own banner: a probing connect-and-close would make
  // OpenSSL 3.0's single-threaded responder wait on that dead connection forever.
  await new Promise<void>((resolvePromise, reject) => {
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`openssl ocsp did not start within 10 s: ${stderr}`)), 10_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('waiting for OCSP client connections')) {
        clearTimeout(timer);
        resolvePromise();
      }
    });
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`openssl ocsp exited: ${stderr}`));
    });
  });
  return {
    stop: async () => {
      if (child.exitCode === null && child.pid !== undefined) child.kill('SIGTERM');
      await exited;
    },
  };
}
