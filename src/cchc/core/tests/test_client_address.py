"""The client address behind our proxies (`cchc.core.client_address`): X-Forwarded-For is
believed only from a trusted proxy, read from the right."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from rest_framework.test import APIClient

from cchc.core.client_address import client_address_from_meta, parse_networks, resolve

PROXIES = parse_networks(["10.0.0.0/8", "192.168.1.5", "2001:db8::/32"])

CASES = [
    # (peer, X-Forwarded-For, trusted, expected)
    ("203.0.113.7", None, PROXIES, "203.0.113.7"),
    # a client that is not our proxy cannot choose its address by a header
    ("203.0.113.7", "198.51.100.1", PROXIES, "203.0.113.7"),
    ("203.0.113.7", "10.0.0.1", PROXIES, "203.0.113.7"),
    # no trusted proxy configured: the header is never read
    ("10.0.0.1", "198.51.100.1", (), "10.0.0.1"),
    # one proxy: the address it appended
    ("10.0.0.1", "198.51.100.1", PROXIES, "198.51.100.1"),
    # the client forged an entry in front: still the address our proxy saw
    ("10.0.0.1", "1.2.3.4, 198.51.100.1", PROXIES, "198.51.100.1"),
    # two of our proxies in a chain (TLS terminator, then balancer)
    ("10.0.0.1", "6.6.6.6, 198.51.100.1, 192.168.1.5", PROXIES, "198.51.100.1"),
    ("10.0.0.1", "198.51.100.1,10.1.1.1 , 10.2.2.2", PROXIES, "198.51.100.1"),
    # only our proxies in the chain: the left-most of them
    ("10.0.0.1", "10.9.9.9, 10.1.1.1", PROXIES, "10.9.9.9"),
    # garbage appended by our proxy's client: stop at the proxy that vouched for it
    ("10.0.0.1", "198.51.100.1, not-an-ip", PROXIES, "10.0.0.1"),
    ("10.0.0.1", "198.51.100.1, not-an-ip, 10.1.1.1", PROXIES, "10.1.1.1"),
    # ports and IPv6 forms some proxies write
    ("10.0.0.1", "198.51.100.1:52311", PROXIES, "198.51.100.1"),
    ("10.0.0.1", "[2001:db9::5]:443", PROXIES, "2001:db9::5"),
    ("2001:db8::1", "2001:db9::5", PROXIES, "2001:db9::5"),
    ("::ffff:10.0.0.1", "198.51.100.1", PROXIES, "198.51.100.1"),
    ("10.0.0.1", "", PROXIES, "10.0.0.1"),
]


@pytest.mark.parametrize(("peer", "forwarded", "trusted", "expected"), CASES)
def test_client_address_rule(peer, forwarded, trusted, expected):
    assert resolve(peer, forwarded, trusted) == expected


def test_a_bad_trusted_proxy_entry_stops_the_start():
    with pytest.raises(ImproperlyConfigured, match="not-a-cidr"):
        parse_networks(["10.0.0.0/8", "not-a-cidr"])


def test_meta_is_read_with_the_configured_proxies(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.2/32"]
    meta = {"REMOTE_ADDR": "127.0.0.2", "HTTP_X_FORWARDED_FOR": "9.9.9.9, 198.51.100.4"}
    assert client_address_from_meta(meta) == "198.51.100.4"
    settings.TRUSTED_PROXIES = []
    assert client_address_from_meta(meta) == "127.0.0.2"


def _attempts(client: APIClient, n: int, forwarded: list[str]) -> list[int]:
    return [
        client.post(
            "/api/v1/auth/token",
            {"username": "x", "password": "y"},
            format="json",
            HTTP_X_FORWARDED_FOR=forwarded[i % len(forwarded)],
        ).status_code
        for i in range(n)
    ]


@pytest.mark.django_db
def test_a_forged_forwarded_for_does_not_escape_the_sign_in_throttle(settings):
    """DRF's own rule keys the throttle by the whole X-Forwarded-For when NUM_PROXIES is
    unset, so a new header per attempt used to mean unlimited attempts."""
    settings.TRUSTED_PROXIES = []
    codes = _attempts(APIClient(REMOTE_ADDR="203.0.113.9"), 11, [f"1.1.1.{i}" for i in range(11)])
    assert codes[:10] == [400] * 10 and codes[10] == 429


@pytest.mark.django_db
def test_behind_a_trusted_proxy_each_client_has_its_own_count(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    proxy = APIClient(REMOTE_ADDR="10.0.0.1")
    first = _attempts(proxy, 11, ["198.51.100.1"])
    second = _attempts(proxy, 1, ["198.51.100.2"])
    assert first[-1] == 429 and second == [400]
