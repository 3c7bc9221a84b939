"""A mobile node nobody here wrote, doing route optimization with the default world's correspondent cn
(RFC 6275 §5.2, §6.2.7, §9.5.1), Scapy for the frames and Python's hashlib/hmac for the keys; frames to
inject on cn-link as if routed there (its HoTI as if through its home agent). Mobile node: home address
2001:db8:1::77, care-of address 2001:db8:2::77.

  ro-peer.py OUT.pcap                           its Home Test Init and Care-of Test Init
  ro-peer.py OUT.pcap bu CAPTURE.pcap SEQ       its Binding Updates, 0.2 s apart: Kbm = SHA1(home token |
                                                care-of token) from the Home Test and Care-of Test cn sent (in
                                                CAPTURE), the authenticator First(96, HMAC_SHA1(Kbm, care-of
                                                address | cn | Mobility Header without it, checksum zero)):
                                                SEQ (a binding), SEQ again (135), SEQ+1 with one bit of the
                                                authenticator flipped (silently discarded), SEQ+2 with a home
                                                nonce index cn never gave (136), SEQ+3 a deregistration
                                                (lifetime 0, Kbm = SHA1(home token))
  ro-peer.py - ba CAPTURE.pcap CAPTURE2.pcap    checks cn's Binding Acknowledgements (in CAPTURE2) the same
                                                way: prints 'BA seq S status N authenticator ok|bad|none' for
                                                each; exits 1 when one is bad."""
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
    """cn's Home Test and Care-of Test answering our cookies, and the two Kbm they make."""
    hot = cot = None
    for p in rdpcap(capture):
        if MIP6MH_HoT in p and p[IPv6].src == CN and p[MIP6MH_HoT].cookie == HOME_COOKIE:
            hot = p[MIP6MH_HoT]
        if MIP6MH_CoT in p and p[IPv6].src == CN and p[MIP6MH_CoT].cookie == CAREOF_COOKIE:
            cot = p[MIP6MH_CoT]
    if hot is None or cot is None:
        sys.exit('no Home Test or Care-of Test from cn in ' + capture)
    # Kbm, and a deregistration's Kbm from the home keygen token alone (RFC 6275 5.2.5)
    return hot, cot, hashlib.sha1(bytes(hot.token) + bytes(cot.token)).digest(), hashlib.sha1(bytes(hot.token)).digest()


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
    hot, cot, kbm, deregistration_kbm = tests(sys.argv[3])
    seq = int(sys.argv[4])

    def signed_bu(seq, key, lifetime=100, home_index=hot.index, flip=False):
        bu = MIP6MH_BU(seq=seq, flags='A', mhtime=lifetime, options=[
            MIP6OptNonceIndices(olen=4, hni=home_index, coni=cot.index), MIP6OptBindingAuthData(olen=12, authenticator=0)])
        mh = bytearray(raw(IPv6(src=HOA, dst=CN) / bu)[40:])
        at = len(mh) - 12  # Binding Authorization Data is the last option (8n+2: no padding after it)
        mh[at:] = authenticator(key, mh, at)
        if flip:
            mh[at] ^= 1
        mh[4:6] = b'\0\0'
        mh[4:6] = struct.pack('>H', in6_chksum(135, IPv6(src=HOA, dst=CN), bytes(mh)))
        p = eth() / IPv6(src=COA, dst=CN) / IPv6ExtHdrDestOpt(nh=135, options=[HAO(hoa=HOA)]) / Raw(bytes(mh))
        return p

    bus = [signed_bu(seq, kbm), signed_bu(seq, kbm), signed_bu(seq + 1, kbm, flip=True),
           signed_bu(seq + 2, kbm, home_index=(hot.index + 1000) & 0xffff), signed_bu(seq + 3, deregistration_kbm, lifetime=0)]
    for k, p in enumerate(bus):
        p.time = 2000.0 + k * 0.2  # all within a second: before what cn hears of the care-of address (no host there)
    wrpcap(sys.argv[1], bus)
else:
    hot, cot, kbm, deregistration_kbm = tests(sys.argv[3])
    bad = 0
    for p in rdpcap(sys.argv[4]):
        if MIP6MH_BA in p and p[IPv6].src == CN:
            ba = p[MIP6MH_BA]
            mh = raw(ba)
            mh = mh[:(mh[1] + 1) * 8]
            at = len(mh) - 12
            if len(mh) < 26 or mh[at - 2] != 5 or mh[at - 1] != 12:
                verdict = 'none'  # no Binding Authorization Data (136-138: no key could be made)
            else:
                key = deregistration_kbm if ba.mhtime == 0 and ba.status == 0 else kbm
                verdict = 'ok' if hmac.compare_digest(authenticator(key, mh, at), mh[at:]) else 'bad'
            bad += verdict == 'bad'
            print('BA seq %d status %d authenticator %s' % (ba.seq, ba.status, verdict))
    sys.exit(1 if bad else 0)
