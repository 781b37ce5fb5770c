import { describe, expect, it } from 'vitest';
import { ConfigError, HELP, parseConfig } from './config.js';

describe('the example server configuration', () => {
  it('has defaults that keep everything on loopback', () => {
    expect(parseConfig([], {})).toMatchObject({
      httpHost: '127.0.0.1',
      httpPort: 8080,
      udpHost: '127.0.0.1',
      udpPort: 40000,
      publicAddress: '127.0.0.1',
      tickRate: 30,
      maxClients: 64,
      securityMode: 'sign',
    });
  });

  it('takes flags over environment variables over defaults', () => {
    expect(parseConfig(['--tick-rate', '60'], { TICK_RATE: '20', MAX_CLIENTS: '8' })).toMatchObject(
      {
        tickRate: 60,
        maxClients: 8,
      },
    );
  });

  it('answers --help with the usage', () => {
    expect(parseConfig(['--help'], {})).toBe('help');
    expect(HELP).toContain('--max-clients');
  });

  it('refuses plain HTTP off loopback unless asked, saying what to do', () => {
    expect(() => parseConfig(['--http-host', '0.0.0.0'], {})).toThrow(ConfigError);
    expect(() => parseConfig(['--http-host', '0.0.0.0'], {})).toThrow(
      /--tls-cert and --tls-key.*--insecure-http/,
    );
    expect(parseConfig(['--http-host', '0.0.0.0', '--insecure-http'], {})).toMatchObject({
      insecureHttp: true,
    });
    expect(
      parseConfig(['--http-host', '0.0.0.0', '--tls-cert', 'c.pem', '--tls-key', 'k.pem'], {}),
    ).toMatchObject({
      tlsCert: 'c.pem',
    });
    expect(() => parseConfig(['--tls-cert', 'c.pem'], {})).toThrow(/both --tls-cert and --tls-key/);
  });

  it('names the flag and its range when a value is wrong', () => {
    expect(() => parseConfig(['--udp-port', '70000'], {})).toThrow(
      /--udp-port must be a whole number from 0 to 65535/,
    );
    expect(() => parseConfig(['--udp-host', 'localhost'], {})).toThrow(
      /--udp-host must be an IP address/,
    );
    expect(() => parseConfig(['--security-mode', 'secret'], {})).toThrow(/sign or encrypt/);
    expect(() => parseConfig(['--bogus'], {})).toThrow(/--help/);
  });

  it('tells clients to connect to loopback when the socket binds every interface', () => {
    expect(parseConfig(['--udp-host', '0.0.0.0'], {})).toMatchObject({
      publicAddress: '127.0.0.1',
    });
    expect(parseConfig(['--udp-host', '::'], {})).toMatchObject({ publicAddress: '::1' });
  });
});
