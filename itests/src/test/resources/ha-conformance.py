"""The IPv6 Ready Phase-2 home agent cases (TAHI ct mip6-ha: BU_Valid_A0/A1, BU_InvalidChecksum,
BU_NotHomeSubnet, BU_SEQ_*, BU_SEQ_OVERFLOW_*, DeReg_LT0_FOREIGN, DeReg_NotHA4ThisMN, BU_Piggyback,
BE_UnknownType, MPS_Simple, DHAAD_Simple, DHAAD_Highest/Lowest, DHAAD_Delete, RevTun_Simple) and RFC 6275 §9.2, §9.3.1, §9.5.1, §10.3.1 and
§10.4 cases beside them, built by Scapy with RFC 6275's numbers, as a pcap to inject on the default
world's home link, one frame a second, as if ar-home had routed them. Mobile node NN has home address
2001:db8:1::NN and care-of address 2001:db8:2::NN. Scapy's defaults that are not what a mobile node
sends are overridden: MIP6MH_BU flags (default KHA) and mhtime (default 3, 12 s), MIP6OptNonceIndices'
length (default 16, RFC 6275 §6.2.6 says 4). ICMPv6HAADRequest's R (default 1: RFC 3963's Mobile Router Support flag,
a Reserved bit to RFC 6275) is left as Scapy sets it: a home agent that serves no mobile router ignores it.
Usage: ha-conformance.py OUT.pcap."""
import sys

from scapy.all import Ether, IPv6, IPv6ExtHdrDestOpt, HAO, Raw, wrpcap
from scapy.layers.inet6 import (MIP6MH_BU, MIP6MH_Generic, MIP6OptAltCoA, MIP6OptNonceIndices, MIP6OptBRAdvice,
                                MIP6OptMobNetPrefix,
                                ICMPv6EchoRequest, ICMPv6EchoReply, ICMPv6MPSol, ICMPv6HAADRequest, ICMPv6ND_RA,
                                ICMPv6NDOptPrefixInfo, ICMPv6NDOptHAInfo, ICMPv6NDOptSrcLLAddr, in6_chksum)

HA, HA_MAC, ROUTED = '2001:db8:1::2', '02:00:00:00:00:0a', '02:00:00:00:00:99'
HOME_AGENTS_ANYCAST = '2001:db8:1::fdff:ffff:ffff:fffe'  # RFC 2526 for a /64
CN = '2001:db8:4::99'
frames = []


def hoa(n):
    return '2001:db8:1::%x' % n


def coa(n):
    return '2001:db8:2::%x' % n


def add(p):
    p.time = 1000.0 + len(frames)
    frames.append(p)


def eth():
    return Ether(src=ROUTED, dst=HA_MAC)


def bu(n, seq, flags='AH', mhtime=150, options=(), home=None, **mh):
    return eth() / IPv6(src=coa(n), dst=HA) / IPv6ExtHdrDestOpt(options=[HAO(hoa=home or hoa(n))]) / \
        MIP6MH_BU(seq=seq, flags=flags, mhtime=mhtime, options=list(options), **mh)


add(bu(0xa1, 1))                                   # BU_Valid_A1: DAD, BA 0, proxy NA
add(bu(0xa0, 1, flags='H'))                        # BU_Valid_A0: BA 0 all the same (§10.3.1)
add(bu(0xb1, 1, cksum=0x1234))                     # BU_InvalidChecksum: silently discarded (§9.2)
add(bu(0xc1, 1, home='2001:db8:5::c1'))            # BU_NotHomeSubnet: 132
for s in (10, 10, 9, 11):                          # BU_SEQ_EQ / LESS / MORE: 0, 135, 135, 0
    add(bu(0xd1, s))
for s in (65535, 0, 65535):                        # BU_SEQ_OVERFLOW: 0, 0, 135 (modulo 2^16, §9.5.1)
    add(bu(0xd2, s))
add(bu(0xe1, 3, mhtime=0))                         # DeReg_NotHA4ThisMN: 133
add(bu(0xa1, 2, mhtime=0))                         # DeReg_LT0_FOREIGN: 0, binding gone
add(bu(0xf1, 1, options=[MIP6OptAltCoA(acoa=coa(0xf9))]))               # Alternate Care-of Address (§6.2.5)
add(bu(0xf2, 1, options=[MIP6OptNonceIndices(olen=4, hni=1, coni=2)]))  # Nonce Indices in a home BU: dropped
add(bu(0xf3, 1, home='ff02::1'))                   # HAO with a multicast address: dropped (§6.3)
add(bu(0xf4, 1, home='fe80::f4'))                  # HAO with a link-local address: dropped
add(bu(0xf5, 1, flags='AHL'))                      # L: DAD of fe80::f5 too, both proxied (§10.3.1)
add(bu(0xf6, 1, mhtime=65535))                     # lifetime capped by the home agent's maximum
add(bu(0xf7, 1, flags='AHK'))                      # K without IKE: accepted, K clear in the BA
add(bu(0x12, 1, nh=58))                            # BU_Piggyback: Payload Proto 58, Parameter Problem 0 -> it
short = bytearray(bytes(MIP6MH_BU(seq=1, flags='AH', mhtime=150))[:8])  # Header Len 0: below a BU's 1 (§9.2)
short[1], short[4], short[5] = 0, 0, 0
ck = in6_chksum(135, IPv6(src=hoa(0x13), dst=HA), bytes(short))
short[4], short[5] = ck >> 8, ck & 0xff
add(eth() / IPv6(src=coa(0x13), dst=HA) / IPv6ExtHdrDestOpt(nh=135, options=[HAO(hoa=hoa(0x13))]) / Raw(bytes(short)))
add(eth() / IPv6(src=coa(0x14), dst=HA) / MIP6MH_Generic(mhtype=50, len=1, msg=b'\0' * 10))  # BE_UnknownType: BE 2
# the same two as Scapy makes them, every octet still sent after a Header Len short of them and Scapy's checksum over
# all of them (Linux verifies it so): Parameter Problem at Header Len, and BE 2 (Scapy writes Header Len 0 here)
add(bu(0x1b, 1, len=0))
add(eth() / IPv6(src=coa(0x1c), dst=HA) / MIP6MH_Generic(mhtype=51, msg=b'\0' * 6))
add(eth() / IPv6(src=coa(0x15), dst=HA) / IPv6ExtHdrDestOpt(options=[HAO(hoa=hoa(0x15))]) /
    ICMPv6EchoRequest(id=1, seq=1))                # a HAO without a binding: BE 1 (§9.3.1)
add(eth() / IPv6(src=coa(0x16), dst=HA) / IPv6ExtHdrDestOpt(options=[HAO(hoa=hoa(0x16))]) /
    ICMPv6MPSol(id=7))                             # a Mobile Prefix Solicitation without a registration: BE 1
add(bu(0x11, 1))                                   # mobile node 0x11 registers
add(eth() / IPv6(src=coa(0x11), dst=HA) / IPv6ExtHdrDestOpt(options=[HAO(hoa=hoa(0x11))]) /
    ICMPv6MPSol(id=8))                             # MPS_Simple: MPA with a Type 2 Routing Header (§10.6.1)
add(eth() / IPv6(src=coa(0x17), dst=HOME_AGENTS_ANYCAST) / ICMPv6HAADRequest(id=9))  # DHAAD_Simple (§10.5)
add(eth() / IPv6(src=CN, dst=hoa(0x11)) / ICMPv6EchoRequest(id=2, seq=1))  # intercepted, tunnelled (§10.4.2)
add(eth() / IPv6(src=coa(0x11), dst=HA) / IPv6(src=hoa(0x11), dst=CN) / ICMPv6EchoReply(id=2, seq=1))  # RevTun_Simple
add(eth() / IPv6(src=coa(0x11), dst=HA) / IPv6(src=hoa(0x18), dst=CN) / ICMPv6EchoReply(id=3, seq=1))  # not its home address
add(eth() / IPv6(src=coa(0x19), dst=HA) / IPv6(src=hoa(0x11), dst=CN) / ICMPv6EchoReply(id=4, seq=1))  # not its care-of address


def ra(n, preference, lifetime, h=1):
    """Home agent n's RA on the home link (RFC 6275 §7.1, §7.4); Scapy's preference field is unsigned."""
    mac = '02:00:00:00:00:%02x' % n
    return Ether(src=mac, dst='33:33:00:00:00:01') / IPv6(src='fe80::%x' % n, dst='ff02::1', hlim=255) / \
        ICMPv6ND_RA(H=h, routerlifetime=0) / ICMPv6NDOptPrefixInfo(prefix=hoa(n), prefixlen=64, R=1) / \
        ICMPv6NDOptHAInfo(pref=preference & 0xffff, lifetime=lifetime) / ICMPv6NDOptSrcLLAddr(lladdr=mac)


add(ra(0xa1, 20, 1800))                            # DHAAD_*: home agents more, equally and less preferred
add(ra(0xa2, -5, 1800))
add(ra(0xa3, 0, 1800))
add(eth() / IPv6(src=coa(0x17), dst=HOME_AGENTS_ANYCAST) / ICMPv6HAADRequest(id=11))  # a1, {ha, a3}, a2
add(ra(0xa1, 20, 0))                               # DHAAD_Delete: Home Agent Lifetime 0 (§10.5.1)
add(ra(0xa2, -5, 1800, h=0))                       # and an RA without H
add(eth() / IPv6(src=coa(0x17), dst=HOME_AGENTS_ANYCAST) / ICMPv6HAADRequest(id=12))  # {ha, a3}
add(bu(0x1a, 1, options=[MIP6OptBRAdvice(rinter=10)]))  # an option a BU does not carry: skipped (§6.2.1)
add(bu(0x11, 2, res=0xff, reserved=0x3ff))         # non-zero reserved fields: ignored (§6.1.1, §6.1.7)
add(bu(0xf8, 1, flags='AHR', options=[MIP6OptMobNetPrefix(plen=64, prefix='2001:db8:100:1::')]))  # a mobile router's
# (RFC 3963) to a home agent that serves none: R and the option ignored (§6.1.7, §6.2.1), BA 0 with R clear (RFC 3963 §5.3)
wrpcap(sys.argv[1], frames)
