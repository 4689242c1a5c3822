import * as l10n from '@vscode/l10n';
import type { FindingDraft } from '../findings';
import { RULES } from '../ruleCatalog';
import { parseXml, type XmlAttribute, type XmlElement } from '../parsers/xmlTokenizer';
import { isLegacyProtocol } from '../tlsVocabulary';
import type { KindChecker } from './checker';

const MIN_THREADS = 50;
const TOMCAT_DEFAULT_THREADS = 200;

const attribute = (e: XmlElement, name: string) => e.attributes.find((a) => a.name === name);

/** Tomcat: TLS versions on <Connector>/<SSLHostConfig>, and worker threads on connectors and executors. */
export const checkTomcat: KindChecker = (input) => {
  const parsed = parseXml(input.text);
  if (!parsed.ok) return parsed;
  const drafts: FindingDraft[] = [];
  for (const element of parsed.value) {
    if (element.name === 'Connector' || element.name === 'SSLHostConfig') {
      for (const name of ['sslEnabledProtocols', 'protocols', 'sslProtocol']) {
        const a = attribute(element, name);
        if (a) drafts.push(...legacyProtocols(element, a));
      }
    }
    const executorBacked = element.name === 'Connector' && attribute(element, 'executor');
    if ((element.name === 'Connector' && !executorBacked) || element.name === 'Executor') {
      const threads = attribute(element, 'maxThreads');
      if (threads && /^\d+$/.test(threads.value) && Number(threads.value) < MIN_THREADS) {
        drafts.push({
          rule: RULES.tomcatMaxThreads.id, start: threads.nameStart, end: threads.valueEnd + 1,
          message: l10n.t('maxThreads="{0}" on <{1}> leaves too few request threads: slow gateway calls hold them, new invoice requests queue in acceptCount and then get refused or time out (http.timeout). Tomcat\'s default is {2}.', threads.value, element.name, TOMCAT_DEFAULT_THREADS),
          fixes: [{ title: l10n.t('Set maxThreads to {0}', TOMCAT_DEFAULT_THREADS), isPreferred: true, safe: true, edits: [{ start: threads.valueStart, end: threads.valueEnd, newText: String(TOMCAT_DEFAULT_THREADS) }] }],
        });
      }
    }
  }
  return { ok: true, drafts };
};

function legacyProtocols(element: XmlElement, a: XmlAttribute): FindingDraft[] {
  const separator = a.value.includes('+') ? '+' : ',';
  const values = a.value.split(/[\s,+]+/).filter(Boolean);
  // "all" means every version the JVM supports, legacy ones included on older JDKs.
  const legacy = values.filter((v) => isLegacyProtocol(v) || v.toLowerCase() === 'all');
  if (!legacy.length || (a.name === 'sslProtocol' && legacy[0].toLowerCase() === 'all')) return [];
  const replacement = a.name === 'sslProtocol' ? 'TLS' : ['TLSv1.2', 'TLSv1.3'].join(separator);
  return [{
    rule: RULES.tomcatTlsProtocolsLegacy.id, start: a.nameStart, end: a.valueEnd + 1,
    message: l10n.t('{0}="{1}" on <{2}> enables {3}: clients that require TLS 1.2+ (gateways, Peppol access points) fail the handshake (tls.protocol), and the endpoint fails compliance scans.', a.name, a.value, element.name, legacy.join(', ')),
    fixes: [{ title: l10n.t('Set {0} to {1}', a.name, replacement), isPreferred: true, safe: true, edits: [{ start: a.valueStart, end: a.valueEnd, newText: replacement }] }],
  }];
}
