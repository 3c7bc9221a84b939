#!/usr/bin/env python3
"""Recomputes every return-routability authenticator in classic pcap files, independently of the
workbench (RFC 6275 sections 5.2.5 and 6.2.7, standard library only): keygen tokens are taken from the
Home Test and Care-of Test messages on the wire (inside IPv6-in-IPv6 too), Kbm = SHA1(home token |
care-of token) (SHA1(home token) for a deregistration), and each Binding Update and Binding
Acknowledgement carrying Binding Authorization Data must hold
First(96, HMAC_SHA1(Kbm, care-of address | correspondent address | MH with zero checksum, authenticator left out)).
Prints one line per message checked; exits 1 on any mismatch, 2 when nothing could be checked."""
import hashlib
import hmac
import struct
import sys

DEST_OPTS, ROUTING, HOP_BY_HOP, IPV6, MH = 60, 43, 0, 41, 135


def frames(path):
    with open(path, 'rb') as f:
        data = f.read()
    magic = struct.unpack('<I', data[:4])[0]
    endian = '<' if magic in (0xa1b2c3d4, 0xa1b23c4d) else '>'
    off = 24
    while off + 16 <= len(data):
        sec, frac, incl, _ = struct.unpack(endian + 'IIII', data[off:off + 16])
        yield sec * 10**9 + frac * (1 if magic in (0xa1b23c4d, 0x4d3cb2a1) else 1000), data[off + 16:off + 16 + incl]
        off += 16 + incl


def ipv6(pkt):
    """(source, destination, home address option, final destination, next header, payload) of an IPv6 packet."""
    src, dst = pkt[8:24], pkt[24:40]
    nh, off = pkt[6], 40
    hao, final = None, dst
    while nh in (HOP_BY_HOP, DEST_OPTS, ROUTING):
        length = (pkt[off + 1] + 1) * 8
        if nh == DEST_OPTS:
            p = off + 2
            while p < off + length:
                t = pkt[p]
                if t == 0:
                    p += 1
                    continue
                if t == 0xC9:
                    hao = pkt[p + 2:p + 18]
                p += 2 + pkt[p + 1]
        if nh == ROUTING and pkt[off + 2] == 2:
            final = pkt[off + 8:off + 24]
        nh, off = pkt[off], off + length
    return src, dst, hao, final, nh, pkt[off:]


def options(mh, start):
    """Mobility options from offset start: {type: (offset, data)}."""
    out, p = {}, start
    while p < len(mh):
        if mh[p] == 0:
            p += 1
            continue
        out[mh[p]] = (p, mh[p + 2:p + 2 + mh[p + 1]])
        p += 2 + mh[p + 1]
    return out


def main(paths):
    packets = sorted((t, pkt) for path in paths for t, pkt in frames(path))
    home_tokens, careof_tokens = {}, {}
    kbm_of = {}
    checked, bad = 0, 0
    for _, frame in packets:
        if len(frame) < 54 or frame[12:14] != b'\x86\xdd':
            continue
        pkt = frame[14:]
        src, dst, hao, final, nh, payload = ipv6(pkt)
        if nh == IPV6:
            src, dst, hao, final, nh, payload = ipv6(payload)
        if nh != MH:
            continue
        mh = payload[:(payload[1] + 1) * 8]
        mh_type = mh[2]
        if mh_type == 3:  # Home Test: index, cookie, token
            home_tokens[struct.unpack('>H', mh[6:8])[0]] = mh[16:24]
        elif mh_type == 4:
            careof_tokens[struct.unpack('>H', mh[6:8])[0]] = mh[16:24]
        elif mh_type in (5, 6):
            opts = options(mh, 12)
            if 5 not in opts:
                continue
            at, auth = opts[5]
            data = bytearray(mh[:at + 2] + mh[at + 2 + len(auth):])
            data[4:6] = b'\x00\x00'
            if mh_type == 5:
                home = hao if hao is not None else src
                coa = opts[3][1] if 3 in opts else src
                cn = dst
                hi, ci = struct.unpack('>HH', opts[4][1])
                lifetime = struct.unpack('>H', mh[10:12])[0]
                if hi not in home_tokens:
                    print('BU without a home token on the wire (index %d)' % hi)
                    bad += 1
                    continue
                if lifetime == 0 or coa == home:
                    kbm = hashlib.sha1(home_tokens[hi]).digest()
                else:
                    if ci not in careof_tokens:
                        print('BU without a care-of token on the wire (index %d)' % ci)
                        bad += 1
                        continue
                    kbm = hashlib.sha1(home_tokens[hi] + careof_tokens[ci]).digest()
                kbm_of[(cn, home, struct.unpack('>H', mh[6:8])[0])] = (kbm, coa)
                what = 'BU seq %d' % struct.unpack('>H', mh[6:8])[0]
            else:
                seq = struct.unpack('>H', mh[8:10])[0]
                key = (src, final, seq)
                if key not in kbm_of:
                    print('BA seq %d without its BU on the wire' % seq)
                    bad += 1
                    continue
                kbm, coa = kbm_of[key]
                cn = src
                what = 'BA seq %d status %d' % (seq, mh[6])
            expected = hmac.new(kbm, coa + cn + bytes(data), hashlib.sha1).digest()[:12]
            ok = hmac.compare_digest(expected, auth)
            checked += 1
            bad += 0 if ok else 1
            print('%s %s' % (what, 'ok' if ok else 'MISMATCH %s != %s' % (auth.hex(), expected.hex())))
    print('checked %d, bad %d' % (checked, bad))
    sys.exit(1 if bad else 2 if checked == 0 else 0)


if __name__ == '__main__':
    main(sys.argv[1:])
