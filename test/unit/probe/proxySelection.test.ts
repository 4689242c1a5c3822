import assert from 'node:assert/strict';
import { selectProxy } from '../../../src/core/probe/proxySelection';

describe('proxy selection', () => {
  const target = new URL('https://gw.example.com/api');
  const pick = (setting: string, env: NodeJS.ProcessEnv = {}, systemProxy?: string, url = target) =>
    selectProxy(url, { setting, env, systemProxy })?.url.href;

  it('uses an explicit proxy URL and nothing for "none"', () => {
    assert.equal(pick('http://proxy.corp:3128', { HTTPS_PROXY: 'http://other:1' }), 'http://proxy.corp:3128/');
    assert.equal(pick('none', { HTTPS_PROXY: 'http://other:1' }), undefined);
  });

  it('prefers the editor setting, then HTTPS_PROXY (lower case first), then HTTP_PROXY for https', () => {
    assert.equal(pick('system', { HTTPS_PROXY: 'http://env:1' }, 'http://editor:2'), 'http://editor:2/');
    assert.equal(pick('system', { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:1' }), 'http://lower:1/');
    assert.equal(pick('system', { HTTP_PROXY: 'proxy.corp:8080' }), 'http://proxy.corp:8080/');
    assert.equal(pick('system', { HTTPS_PROXY: 'http://only-https:1' }, undefined, new URL('http://gw.example.com/')), undefined);
  });

  it('honours NO_PROXY by host, domain suffix, port, CIDR and *', () => {
    const env = (noProxy: string) => ({ HTTPS_PROXY: 'http://proxy:1', NO_PROXY: noProxy });
    assert.equal(pick('system', env('example.com')), undefined);
    assert.equal(pick('system', env('.example.com')), undefined);
    assert.equal(pick('system', env('other.com, example.org')), 'http://proxy:1/');
    assert.equal(pick('system', env('gw.example.com:8443')), 'http://proxy:1/');
    assert.equal(pick('system', env('*')), undefined);
    assert.equal(pick('system', env('10.0.0.0/8'), undefined, new URL('https://10.2.3.4/')), undefined);
    assert.equal(pick('system', env('10.0.0.0/8'), undefined, new URL('https://11.2.3.4/')), 'http://proxy:1/');
  });

  it('never sends loopback targets to a system proxy', () => {
    for (const url of ['https://localhost/', 'https://127.0.0.1:8443/', 'https://[::1]/']) {
      assert.equal(pick('system', { HTTPS_PROXY: 'http://proxy:1' }, 'http://editor:2', new URL(url)), undefined, url);
    }
  });

  it('turns proxy credentials into a Proxy-Authorization value', () => {
    const route = selectProxy(target, { setting: 'http://user:p%40ss@proxy:3128', env: {} });
    assert.equal(route?.authorization, `Basic ${Buffer.from('user:p@ss').toString('base64')}`);
  });
});
