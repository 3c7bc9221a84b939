"""A mobile node nobody here wrote, doing route optimization with the default world's correspondent cn
(RFC 6275 §5.2, §6.2.7, §9.5.1), Scapy for the frames and Python's hashlib/hmac for the keys; frames to
inject on cn-link as if routed there (its HoTI as if through its home agent). Mobile node: home address
2001:db8:1::77, care-of address 2001:db8:2::77.

  ro-peer.py OUT.pcap                           its Home Test Init and Care-of Test Init
  ro-peer.py OUT.pcap bu CAPTURE.pcap SEQ       its Binding Update, Kbm = SHA1(home token | care-of token)
                                                from the Home Test and Care-of Test cn sent (in CAPTURE),
                                                the authenticator First(96, HMAC_SHA1(Kbm, care-of address |
                                                cn | Mobility Header without it, checksum zero))
  ro-peer.py - ba CAPTURE.pcap CAPTURE2.pcap SEQ  checks cn's Binding Acknowledgement (in CAPTURE2) the same
                                                way: prints 'BA status N authenticator ok' or exits 1."""
import hashlib
import hmac
import struct
import sys
from socket import AF_INET6, inet_pton

from scapy.all import Ether, IPv6, IPv6ExtHdrDestOpt, HAO, Raw, raw, rdpcap, wrpcap
from scapy.layers.inet6 import (MIP6MH_HoTI, MIP6MH_CoTI, MIP6MH_HoT, MIP6MH_CoT, MIP6MH_BU, MIP6MH_BA,
                                MIP6OptNonceIndices, MIP6OptBindingAuthData, in6_chksum)

CN, CN_MAC, ME = '2001:db8:4::ff:fe00:9', '02:00:00:00:00:09', '02:00:00:00:00:99'
HOA, COA = '2001:db8:1::77', '2001:db8:2::77'
HOME_COOKIE, CAREOF_COOKIE = b'\x11' * 8, b'\x22' * 8


def eth():
    return Ether(src=ME, dst=CN_MAC)


def tests(capture):
    """cn's Home Test and Care-of Test answering our cookies."""
    hot = cot = None
    for p in rdpcap(capture):
        if MIP6MH_HoT in p and p[IPv6].src == CN and p[MIP6MH_HoT].cookie == HOME_COOKIE:
            hot = p[MIP6MH_HoT]
        if MIP6MH_CoT in p and p[IPv6].src == CN and p[MIP6MH_CoT].cookie == CAREOF_COOKIE:
            cot = p[MIP6MH_CoT]
    if hot is None or cot is None:
        sys.exit('no Home Test or Care-of Test from cn in ' + capture)
    return hot, cot, hashlib.sha1(bytes(hot.token) + bytes(cot.token)).digest()


def authenticator(kbm, mh, at):
    """RFC 6275 §6.2.7 over the Mobility Header mh whose 12-octet authenticator is at offset at."""
    data = bytearray(mh[:at] + mh[at + 12:])
    data[4:6] = b'\0\0'
    return hmac.new(kbm, inet_pton(AF_INET6, COA) + inet_pton(AF_INET6, CN) + bytes(data), hashlib.sha1).digest()[:12]


if len(sys.argv) == 2:
    hoti = eth() / IPv6(src=HOA, dst=CN) / MIP6MH_HoTI(cookie=HOME_COOKIE)
    coti = eth() / IPv6(src=COA, dst=CN) / MIP6MH_CoTI(cookie=CAREOF_COOKIE)
    hoti.time, coti.time = 1000.0, 1000.001
    wrpcap(sys.argv[1], [hoti, coti])
elif sys.argv[2] == 'bu':
    hot, cot, kbm = tests(sys.argv[3])
    bu = MIP6MH_BU(seq=int(sys.argv[4]), flags='A', mhtime=100, options=[
        MIP6OptNonceIndices(olen=4, hni=hot.index, coni=cot.index), MIP6OptBindingAuthData(olen=12, authenticator=0)])
    mh = bytearray(raw(IPv6(src=HOA, dst=CN) / bu)[40:])
    at = len(mh) - 12  # Binding Authorization Data is the last option (8n+2: no padding after it)
    mh[at:] = authenticator(kbm, mh, at)
    mh[4:6] = b'\0\0'
    mh[4:6] = struct.pack('>H', in6_chksum(135, IPv6(src=HOA, dst=CN), bytes(mh)))
    p = eth() / IPv6(src=COA, dst=CN) / IPv6ExtHdrDestOpt(nh=135, options=[HAO(hoa=HOA)]) / Raw(bytes(mh))
    p.time = 2000.0
    wrpcap(sys.argv[1], [p])
else:
    hot, cot, kbm = tests(sys.argv[3])
    for p in rdpcap(sys.argv[4]):
        if MIP6MH_BA in p and p[IPv6].src == CN and p[MIP6MH_BA].seq == int(sys.argv[5]):
            mh = raw(p[MIP6MH_BA])
            mh = mh[:(mh[1] + 1) * 8]
            at = len(mh) - 12
            if mh[at - 2] != 5 or mh[at - 1] != 12:
                sys.exit('the BA does not end with Binding Authorization Data: ' + mh.hex())
            ok = hmac.compare_digest(authenticator(kbm, mh, at), mh[at:])
            print('BA status %d authenticator %s' % (p[MIP6MH_BA].status, 'ok' if ok else 'bad'))
            sys.exit(0 if ok else 1)
    sys.exit('no BA from cn in ' + sys.argv[4])
