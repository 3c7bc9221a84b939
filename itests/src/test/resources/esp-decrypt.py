"""Opens with Scapy's ESP (scapy.layers.ipsec, AES-GCM with a 16-octet ICV, RFC 4106; python3-cryptography) what the
default world's home agent sealed with its transport SA to mn (SPI 0x1002, key and salt read from the ipsec-ha
configuration) in a capture, and prints each Binding Acknowledgement found inside, one line each:
"SPI 0x1002 seq N: BA status S seq N lifetime L [option types] checksum ok|bad", the Mobility Header checksum
checked with the Type 2 Routing Header's home address as the pseudo-header's destination (RFC 6275 §6.4).

Usage: esp-decrypt.py CAPTURE IPSEC_HA_CFG"""
import ipaddress
import re
import struct
import sys

from scapy.all import IPv6, rdpcap
from scapy.layers.ipsec import ESP, SecurityAssociation

SPI = 0x1002


def key(cfg, spi):
    text = open(cfg).read().replace('\\\n', ' ')
    m = re.search(r'spi=0x0*%x\s+alg=aes-gcm-16-128\s+key=0x([0-9a-f]{40})' % spi, text)
    if not m:
        sys.exit('no AES-GCM SA with SPI 0x%x in %s' % (spi, cfg))
    return bytes.fromhex(m.group(1))  # 16 octets of key, 4 of salt (RFC 4106 §8.1)


def checksum_ok(src, dst, mh):
    data = bytearray(ipaddress.IPv6Address(src).packed + ipaddress.IPv6Address(dst).packed
                     + struct.pack('!IxxxB', len(mh), 135) + mh)
    if len(data) % 2:
        data += b'\0'
    s = sum(struct.unpack('!%dH' % (len(data) // 2), bytes(data)))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return s == 0xffff


sa = SecurityAssociation(ESP, spi=SPI, crypt_algo='AES-GCM', crypt_key=key(sys.argv[2], SPI), auth_algo='NULL')
for p in rdpcap(sys.argv[1]):
    if ESP not in p or p[ESP].spi != SPI:
        continue
    ip = p[IPv6]
    esp = ip[ESP]
    # Scapy's own rebuilding of the opened packet trips over the Type 2 Routing Header; its cipher does not
    plain = sa.crypt_algo.decrypt(sa, esp, sa.crypt_key, sa.crypt_algo.icv_size, esn_en=False, esn=0)
    mh = bytes(plain.data)
    if plain.nh != 135 or len(mh) < 12 or mh[2] != 6:
        print('opened 0x%x seq %d: next header %d, %s' % (esp.spi, esp.seq, plain.nh, mh.hex()))
        continue
    options, at = [], 12
    while at < len(mh):
        if mh[at] == 0:
            at += 1
            continue
        if mh[at] != 1:
            options.append(mh[at])
        at += 2 + mh[at + 1]
    final = p['IPv6ExtHdrRouting'].addresses[0] if p.haslayer('IPv6ExtHdrRouting') else ip.dst
    print('SPI 0x%x seq %d: BA status %d seq %d lifetime %d %s checksum %s' % (
        esp.spi, esp.seq, mh[6], struct.unpack('!H', mh[8:10])[0], struct.unpack('!H', mh[10:12])[0],
        options, 'ok' if checksum_ok(ip.src, final, mh) else 'bad'))
