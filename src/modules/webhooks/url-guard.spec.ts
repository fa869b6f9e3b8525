import {
  forbiddenAddressReason,
  parseWebhookUrl,
  resolveWebhookTarget,
  UrlNotAllowedError,
} from './url-guard';

describe('webhook URL guard (SSRF)', () => {
  describe('forbiddenAddressReason', () => {
    it.each([
      ['127.0.0.1', /loopback/],
      ['127.255.255.254', /loopback/],
      ['::1', /loopback/],
      ['0.0.0.0', /unspecified/],
      ['0.1.2.3', /unspecified/],
      ['::', /unspecified/],
      ['10.0.0.1', /private/],
      ['10.255.255.255', /private/],
      ['172.16.0.1', /private/],
      ['172.31.255.255', /private/],
      ['192.168.1.1', /private/],
      ['fc00::1', /private/],
      ['fd12:3456::1', /private/],
      ['100.64.0.1', /shared/],
      ['100.127.255.255', /shared/],
      ['169.254.169.254', /link-local/],
      ['169.254.0.1', /link-local/],
      ['fe80::1', /link-local/],
      ['febf::1', /link-local/],
      ['224.0.0.1', /multicast/],
      ['239.255.255.250', /multicast/],
      ['ff02::1', /multicast/],
      ['255.255.255.255', /reserved/],
      ['::7f00:1', /reserved/],
      ['fec0::1', /reserved/],
    ])('refuses %s', (address, reason) => {
      expect(forbiddenAddressReason(address, false)).toMatch(reason);
    });

    it.each([
      ['::ffff:127.0.0.1', /loopback/],
      ['::ffff:7f00:1', /loopback/],
      ['0:0:0:0:0:ffff:7f00:0001', /loopback/],
      ['::ffff:10.1.2.3', /private/],
      ['::ffff:c0a8:101', /private/],
      ['::ffff:172.20.0.1', /private/],
      ['::ffff:100.64.0.1', /shared/],
      ['::ffff:169.254.169.254', /link-local/],
      ['::ffff:a9fe:a9fe', /link-local/],
      ['::ffff:0.0.0.0', /unspecified/],
      ['::ffff:224.0.0.1', /multicast/],
    ])('refuses the IPv4-mapped IPv6 form %s', (address, reason) => {
      expect(forbiddenAddressReason(address, false)).toMatch(reason);
    });

    it.each(['8.8.8.8', '1.1.1.1', '93.184.216.34', '172.32.0.1', '100.128.0.1', '2606:4700::1111'])(
      'accepts the public address %s',
      (address) => {
        expect(forbiddenAddressReason(address, false)).toBeNull();
      },
    );

    it('accepts loopback only when configured to, and nothing else with it', () => {
      expect(forbiddenAddressReason('127.0.0.1', true)).toBeNull();
      expect(forbiddenAddressReason('::1', true)).toBeNull();
      expect(forbiddenAddressReason('::ffff:127.0.0.1', true)).toBeNull();
      expect(forbiddenAddressReason('10.0.0.1', true)).toMatch(/private/);
      expect(forbiddenAddressReason('169.254.169.254', true)).toMatch(/link-local/);
    });

    it('refuses what is not an address', () => {
      expect(forbiddenAddressReason('localhost', true)).toBe('not an IP address');
    });
  });

  describe('parseWebhookUrl', () => {
    const lax = { httpsOnly: false, allowLoopback: false };

    it('accepts http and https outside production, https only in production', () => {
      expect(parseWebhookUrl('http://hooks.example.com/x', lax).host).toBe('hooks.example.com');
      expect(parseWebhookUrl('https://hooks.example.com/x', { ...lax, httpsOnly: true }).protocol).toBe(
        'https:',
      );
      expect(() => parseWebhookUrl('http://hooks.example.com/x', { ...lax, httpsOnly: true })).toThrow(
        UrlNotAllowedError,
      );
    });

    it('refuses other schemes and relative URLs', () => {
      for (const url of [
        'ftp://example.com/',
        'file:///etc/passwd',
        'gopher://x/',
        '/relative',
        'not a url',
      ]) {
        expect(() => parseWebhookUrl(url, lax)).toThrow(UrlNotAllowedError);
      }
    });
  });

  describe('resolveWebhookTarget', () => {
    const policy = { httpsOnly: false, allowLoopback: false };
    const dns = (answers: Record<string, string[]>) => (host: string) => {
      const addresses = answers[host];
      if (!addresses) return Promise.reject(new Error('ENOTFOUND'));
      return Promise.resolve(
        addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
      );
    };

    it('pins the first address when every address is public', async () => {
      const lookup = dns({ 'hooks.example.com': ['93.184.216.34', '2606:2800:220:1::1'] });
      await expect(
        resolveWebhookTarget(new URL('https://hooks.example.com/'), policy, lookup),
      ).resolves.toEqual({
        address: '93.184.216.34',
        family: 4,
      });
    });

    it('refuses a host when ANY of its addresses is internal', async () => {
      const lookup = dns({ 'mixed.example.com': ['93.184.216.34', '169.254.169.254'] });
      await expect(
        resolveWebhookTarget(new URL('https://mixed.example.com/'), policy, lookup),
      ).rejects.toThrow(/resolves to a link-local address/);
    });

    it('checks literal addresses without resolving, bracketed IPv6 included', async () => {
      const lookup = jest.fn();
      await expect(
        resolveWebhookTarget(new URL('http://[::ffff:127.0.0.1]:8080/'), policy, lookup),
      ).rejects.toThrow(/loopback/);
      await expect(resolveWebhookTarget(new URL('http://10.0.0.5/'), policy, lookup)).rejects.toThrow(
        /private/,
      );
      expect(lookup).not.toHaveBeenCalled();
    });

    it('refuses a host that does not resolve', async () => {
      await expect(
        resolveWebhookTarget(new URL('https://nowhere.invalid/'), policy, dns({})),
      ).rejects.toThrow(/does not resolve/);
    });
  });
});
