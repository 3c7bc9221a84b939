"""What a mobile node away from home must do with packets a correspondent nobody here wrote sends it (RFC 6275
§6.4, §9.3.2, §11.3.3, §11.3.6, RFC 8200 §4.4; the IPv6 Ready mobile node tests ReceivingPacketWRH,
ReceivingPacketWoRH), built by Scapy as a pcap to inject on foreign1 once the default world's mn is there
(home address 2001:db8:1::ff:fe00:b, care-of address 2001:db8:2::ff:fe00:b), one frame a second, as if ar-f1
had routed them from 2001:db8:4::99. Usage: mn-conformance.py OUT.pcap."""
import sys

from scapy.all import Ether, IPv6, IPv6ExtHdrRouting, wrpcap
from scapy.layers.inet6 import ICMPv6EchoRequest, MIP6MH_BRR, MIP6MH_Generic

MN_MAC, ROUTED = '02:00:00:00:00:0b', '02:00:00:00:00:99'
HOA, COA, HA, CN = '2001:db8:1::ff:fe00:b', '2001:db8:2::ff:fe00:b', '2001:db8:1::2', '2001:db8:4::99'
frames = []


def add(p):
    p.time = 1000.0 + len(frames)
    frames.append(p)


def to_mn(src=CN, dst=COA):
    return Ether(src=ROUTED, dst=MN_MAC) / IPv6(src=src, dst=dst)


def rh2(home, segleft=1):
    return IPv6ExtHdrRouting(type=2, segleft=segleft, addresses=[home])


add(to_mn() / rh2(HOA) / ICMPv6EchoRequest(id=0x51))               # ReceivingPacketWRH: answered from the home address
add(to_mn() / rh2('2001:db8:1::77') / ICMPv6EchoRequest(id=0x52))  # not its home address: discarded (§11.3.3)
add(to_mn() / rh2(HOA, 0) / ICMPv6EchoRequest(id=0x53))            # Segments Left 0: the header is ignored (RFC 8200 §4.4)
add(to_mn() / rh2(HOA, 2) / ICMPv6EchoRequest(id=0x54))            # Segments Left 2: Parameter Problem 0 -> it (§6.4)
add(to_mn() / ICMPv6EchoRequest(id=0x55))                          # ReceivingPacketWoRH: to the care-of address itself
add(to_mn(src=HA) / rh2(HOA) / MIP6MH_BRR())                      # a BRR from the home agent without ESP: refused
add(to_mn() / MIP6MH_Generic(mhtype=52, msg=b'\0' * 6))             # unknown MH Type, as Scapy makes it (Header Len 0
                                                                   # before 12 octets, checksum over all): BE 2 (§9.2)
wrpcap(sys.argv[1], frames)
