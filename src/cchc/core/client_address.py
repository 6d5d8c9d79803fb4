"""The client's address behind reverse proxies: one rule for throttles, lockouts and logs.

`X-Forwarded-For` is written by whoever sends the request, so it is believed only as far as
the chain of proxies we run: when the socket peer (`REMOTE_ADDR`) is one of
`settings.TRUSTED_PROXIES`, the header is read from the right, skipping our own proxies, and
the first address that is not one of them is the client. A peer outside the list is the
client itself, whatever header it sends. With no trusted proxy configured (one node, no
balancer) the header is never read.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

type Network = ipaddress.IPv4Network | ipaddress.IPv6Network
type Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def parse_networks(entries: Iterable[str]) -> tuple[Network, ...]:
    """CIDRs (or single addresses) of `CCHC_TRUSTED_PROXIES`; a bad entry stops the start."""
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError as exc:
            raise ImproperlyConfigured(f"CCHC_TRUSTED_PROXIES: {entry!r} is not a CIDR") from exc
    return tuple(networks)


def _address(text: str) -> Address | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # [2001:db8::1]:443
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # 192.0.2.1:443
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _trusted(address: Address, networks: tuple[Network, ...]) -> bool:
    return any(address in network for network in networks)


def resolve(peer: str, forwarded_for: str | None, trusted: tuple[Network, ...]) -> str:
    """The client's address from the socket peer and the `X-Forwarded-For` header.

    Right-most untrusted entry of the chain `forwarded_for, peer`. An entry that is not an
    address ends the walk at the proxy that appended it (it vouched for nothing usable); a
    chain made only of our proxies gives its left-most entry.
    """
    peer_address = _address(peer)
    if peer_address is None or not _trusted(peer_address, trusted) or not forwarded_for:
        return str(peer_address) if peer_address is not None else peer
    last = peer_address
    for entry in reversed(forwarded_for.split(",")):
        address = _address(entry)
        if address is None:
            return str(last)
        if not _trusted(address, trusted):
            return str(address)
        last = address
    return str(last)


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return parse_networks(entries)


def client_address_from_meta(meta: Mapping[str, Any]) -> str:
    """The client's address from a WSGI environ / `request.META`."""
    trusted = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    return resolve(meta.get("REMOTE_ADDR", ""), meta.get("HTTP_X_FORWARDED_FOR"), trusted)


def client_address(request: Any) -> str:
    """The client's address of a Django/DRF request (django-axes' `AXES_CLIENT_IP_CALLABLE`)."""
    return client_address_from_meta(request.META)


__all__ = ["client_address", "client_address_from_meta", "parse_networks", "resolve"]
