import { describe, expect, test } from 'vitest';
import { parseRemoteUrl, pullRequestUrl } from './pull-request-url.js';

describe('the pull request page for a pushed branch', () => {
  test.each([
    ['git@github.com:acme/shop.git', 'https://github.com/acme/shop/compare/main...flotilla/add-x-ab12cd34?expand=1'],
    [
      'https://github.com/acme/shop.git',
      'https://github.com/acme/shop/compare/main...flotilla/add-x-ab12cd34?expand=1',
    ],
    [
      'https://user@github.com/acme/shop',
      'https://github.com/acme/shop/compare/main...flotilla/add-x-ab12cd34?expand=1',
    ],
    [
      'ssh://git@github.com/acme/shop.git',
      'https://github.com/acme/shop/compare/main...flotilla/add-x-ab12cd34?expand=1',
    ],
    [
      'git@github.example.com:team/shop.git',
      'https://github.example.com/team/shop/compare/main...flotilla/add-x-ab12cd34?expand=1',
    ],
    [
      'git@gitlab.com:group/sub/shop.git',
      'https://gitlab.com/group/sub/shop/-/merge_requests/new?merge_request%5Bsource_branch%5D=flotilla%2Fadd-x-ab12cd34&merge_request%5Btarget_branch%5D=main',
    ],
    [
      'https://bitbucket.org/acme/shop.git',
      'https://bitbucket.org/acme/shop/pull-requests/new?source=flotilla%2Fadd-x-ab12cd34&dest=main',
    ],
  ])('%s', (remote, expected) => {
    expect(pullRequestUrl(remote, 'main', 'flotilla/add-x-ab12cd34')).toBe(expected);
  });

  test('is unknown for other hosts, local paths and junk', () => {
    for (const remote of [
      '/srv/git/shop.git',
      'file:///srv/git/shop.git',
      'https://git.example.org/acme/shop.git',
      'not a url',
      'git@github.com:shop.git',
    ]) {
      expect(pullRequestUrl(remote, 'main', 'x'), remote).toBeNull();
    }
  });

  test('escapes branch names with characters a URL path cannot hold', () => {
    expect(pullRequestUrl('git@github.com:acme/shop.git', 'release/2.0', 'flotilla/fix#1')).toBe(
      'https://github.com/acme/shop/compare/release/2.0...flotilla/fix%231?expand=1',
    );
    expect(parseRemoteUrl('C:\\repos\\shop')).toBeNull();
  });
});
