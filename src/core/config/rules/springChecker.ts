import { parseSpringConfig } from '../springConfig';
import { isLegacyProtocol } from '../tlsVocabulary';
import type { KindChecker } from './checker';
import { hikariConnectionTimeout, hikariMaxLifetime, hikariPoolSize, tlsProtocolsLegacy } from './springRules';
import { maxLifetimeExceedsWaitTimeout, poolExceedsDbConnections } from './crossFileRules';

function springChecker(kind: 'spring-properties' | 'spring-yaml'): KindChecker {
  return (input) => {
    const parsed = parseSpringConfig(kind, input.text);
    if (!parsed.ok) return parsed;
    const config = parsed.value;
    return {
      ok: true,
      drafts: [
        ...hikariPoolSize(config, input),
        ...hikariMaxLifetime(config, input),
        ...hikariConnectionTimeout(config),
        ...tlsProtocolsLegacy(config, isLegacyProtocol),
        ...poolExceedsDbConnections(config, input),
        ...maxLifetimeExceedsWaitTimeout(config, input),
      ],
    };
  };
}

export const checkSpringProperties = springChecker('spring-properties');
export const checkSpringYaml = springChecker('spring-yaml');
