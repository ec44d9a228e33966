"""Which IP addresses the bot may fetch from: only public ones, so a link cannot make it probe the host's
own network (SSRF). Pure standard library, so it is cheap to import and to test without a network.
"""

from __future__ import annotations

import ipaddress

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def parse_ip(host: str) -> IPAddress | None:
    """A URL host as an IP address (brackets and an IPv6 zone stripped), or ``None`` for a host name."""
    host = host.strip("[]").split("%", 1)[0]
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def is_public(address: str | IPAddress) -> bool:
    """True only for globally routable unicast addresses.

    Refused: private (10/8, 172.16/12, 192.168/16, fc00::/7), loopback, link-local (169.254/16, fe80::/10),
    multicast, reserved, unspecified (0.0.0.0, ::), carrier-grade NAT (100.64/10) and documentation ranges.
    IPv4 embedded in IPv6 (::ffff:127.0.0.1, 6to4, Teredo) is judged by the IPv4 address inside.
    """
    ip = parse_ip(address) if isinstance(address, str) else address
    if ip is None:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            return is_public(embedded)
    return bool(
        ip.is_global
        and not ip.is_private
        and not ip.is_loopback
        and not ip.is_link_local
        and not ip.is_multicast
        and not ip.is_reserved
        and not ip.is_unspecified
    )
