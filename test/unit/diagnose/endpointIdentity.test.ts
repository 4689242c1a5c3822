import assert from 'node:assert/strict';
import { endpointIdentity, targetIsEndpoint, textMentionsEndpoint } from '../../../src/core/diagnose/endpointIdentity';

describe('endpoint identity', () => {
  const gateway = endpointIdentity('https://gw.example.cn/api/v3');
  const local = endpointIdentity('https://127.0.0.1:8443/health');

  it('matches the shapes log lines name a target in', () => {
    assert.ok(targetIsEndpoint('https://gw.example.cn/api/v3/invoices', gateway));
    assert.ok(targetIsEndpoint('gw.example.cn:443', gateway));
    assert.ok(targetIsEndpoint('GW.EXAMPLE.CN/203.0.113.7:443', gateway));
    assert.ok(targetIsEndpoint('https://127.0.0.1:8443/api', local));
  });

  it('does not match a longer host name or another port of the same host', () => {
    assert.ok(!targetIsEndpoint('https://test-gw.example.cn/api', gateway));
    assert.ok(!targetIsEndpoint('gw.example.cn.evil.test:443', gateway));
    assert.ok(!targetIsEndpoint('gw.example.cn:8443', gateway));
    assert.ok(!targetIsEndpoint('127.0.0.1:9443', local));
    assert.ok(!targetIsEndpoint('127.0.0.10:8443', local));
  });

  it('finds configs that point at the endpoint by host and port', () => {
    assert.ok(textMentionsEndpoint('proxy_pass https://127.0.0.1:8443;', local));
    assert.ok(!textMentionsEndpoint('proxy_pass https://127.0.0.1:9000;', local));
    assert.ok(textMentionsEndpoint('invoice.base-url=https://gw.example.cn/api', gateway));
  });
});
