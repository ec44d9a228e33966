"""The public-address classifier that guards link fetching (no network needed)."""

from __future__ import annotations

import pytest

from bot.ingest.addresses import is_public, parse_ip


@pytest.mark.parametrize(
    "address",
    [
        "10.1.2.3",
        "172.16.0.1",
        "172.31.255.254",
        "192.168.1.1",
        "127.0.0.1",
        "127.8.9.10",
        "::1",
        "fe80::1",
        "169.254.169.254",
        "0.0.0.0",
        "::",
        "100.64.0.1",
        "224.0.0.1",
        "240.0.0.1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "2002:7f00:1::",
    ],
)
def test_non_public_addresses_are_refused(address):
    """Private, loopback, link-local, unspecified, CGNAT, multicast, reserved and mapped-private addresses."""
    assert not is_public(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_public_addresses_are_allowed(address):
    """Globally routable unicast addresses pass."""
    assert is_public(address)


def test_parse_ip_handles_brackets_zones_and_names():
    """URL hosts may be bracketed IPv6 with a zone; host names are not IPs."""
    assert str(parse_ip("[fe80::1%eth0]")) == "fe80::1"
    assert parse_ip("example.com") is None
    assert not is_public("example.com")
