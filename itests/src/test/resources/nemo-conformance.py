"""Mobile routers' Binding Updates (RFC 3963 NEMO Basic Support) built by Scapy, as a pcap to inject on the default
world's home link, one frame a second, as if ar-home had routed them, for a home agent whose Prefix Table
(mobileRouters) lists 2001:db8:1::20 with 2001:db8:100::/48, ::22 with 2001:db8:101::/48 and ::23 with
2001:db8:102::/56. Mobile router NN has home address 2001:db8:1::NN and care-of address 2001:db8:2::NN. Scapy's
MIP6MH_BU defaults that are not what a mobile router sends are overridden (flags, mhtime). Usage: nemo-conformance.py
OUT.pcap."""
import sys

from scapy.all import Ether, IPv6, IPv6ExtHdrDestOpt, HAO, wrpcap
from scapy.layers.inet6 import MIP6MH_BU, MIP6OptMobNetPrefix

HA, HA_MAC, ROUTED = '2001:db8:1::2', '02:00:00:00:00:0a', '02:00:00:00:00:99'
frames = []


def bu(n, seq, flags, prefixes=(), mhtime=150):
    options = [MIP6OptMobNetPrefix(plen=length, prefix=prefix) for prefix, length in prefixes]
    p = Ether(src=ROUTED, dst=HA_MAC) / IPv6(src='2001:db8:2::%x' % n, dst=HA) / \
        IPv6ExtHdrDestOpt(options=[HAO(hoa='2001:db8:1::%x' % n)]) / \
        MIP6MH_BU(seq=seq, flags=flags, mhtime=mhtime, options=options)
    p.time = 1000.0 + len(frames)
    frames.append(p)


bu(0x20, 1, 'AHR', [('2001:db8:100:1::', 64)])  # explicit mode: 0, R, the prefix routed into its tunnel
bu(0x21, 1, 'AHR')                               # not in the Prefix Table: 140
bu(0x22, 1, 'AHR', [('2001:db8:200::', 48)])     # not its prefix: 142
bu(0x22, 2, 'AHR', [('fe80::', 64)])             # not a routable prefix: 141
bu(0x23, 1, 'AHR')                               # implicit mode: 0, the table's 2001:db8:102::/56
bu(0x24, 1, 'AH')                                # a mobile node: 0, R clear
bu(0x20, 2, 'AH')                                # R dropped from a mobile router's binding: 139
wrpcap(sys.argv[1], frames)
