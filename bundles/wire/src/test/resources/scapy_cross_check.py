"""Independent cross-checks with Scapy (run by ScapyCrossCheckTest).

  build              print "name<TAB>hex" for frames Scapy builds, with RFC option lengths
                     (Scapy's defaults are not RFC values everywhere: Nonce Indices and BAD lengths
                     default to 16, BU flags to K|H|A, BA to K, DHAAD Request to R=1)
  checksums FILE     for every frame of a pcap, delete every checksum, let Scapy recompute them
                     (it applies the HAO / Type 2 Routing Header pseudo-header rule itself) and
                     print "frame<TAB>ok" or "frame<TAB>MISMATCH<TAB>ours<TAB>scapy's"
"""
import sys
import logging
logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.all import (Ether, IPv6, IPv6ExtHdrDestOpt, IPv6ExtHdrRouting, UDP, Raw, rdpcap, HAO,
                       MIP6MH_BU, MIP6MH_BA, MIP6MH_BRR, MIP6MH_HoTI, MIP6MH_CoTI, MIP6MH_HoT, MIP6MH_CoT, MIP6MH_BE,
                       MIP6OptAltCoA, MIP6OptNonceIndices, MIP6OptBindingAuthData, MIP6OptBRAdvice,
                       ICMPv6HAADRequest, ICMPv6HAADReply, ICMPv6MPSol, ICMPv6MPAdv, ICMPv6ND_RA,
                       ICMPv6NDOptSrcLLAddr, ICMPv6NDOptPrefixInfo, ICMPv6NDOptAdvInterval, ICMPv6NDOptHAInfo,
                       ICMPv6EchoRequest)

HA, HOA, COA, CN = "2001:db8:1::1", "2001:db8:1::100", "2001:db8:2::100", "2001:db8:3::3"
E = Ether(dst="02:00:00:00:00:02", src="02:00:00:00:01:00")
AUTH = bytes.fromhex("0064da8f2fb3cdef5278ac10")


def frames():
    hao = IPv6ExtHdrDestOpt(options=[HAO(hoa=HOA)])
    rh2 = IPv6ExtHdrRouting(type=2, segleft=1, addresses=[HOA])
    yield "bu", E / IPv6(src=COA, dst=HA) / hao / MIP6MH_BU(seq=4660, flags="AH", mhtime=300,
                                                            options=[MIP6OptAltCoA(acoa=COA)])
    yield "bu-rr", E / IPv6(src=COA, dst=CN) / hao / MIP6MH_BU(seq=2, flags="A", mhtime=105, options=[
        MIP6OptNonceIndices(olen=4, hni=7, coni=8),
        MIP6OptBindingAuthData(olen=12, authenticator=int.from_bytes(AUTH, "big"))])
    yield "ba", E / IPv6(src=HA, dst=COA) / rh2 / MIP6MH_BA(status=0, flags=0, seq=4660, mhtime=300,
                                                           options=[MIP6OptBRAdvice(rinter=75)])
    yield "brr", E / IPv6(src=CN, dst=HOA) / MIP6MH_BRR()
    yield "hoti", E / IPv6(src=HOA, dst=CN) / MIP6MH_HoTI(cookie=bytes.fromhex("1122334455667788"))
    yield "coti", E / IPv6(src=COA, dst=CN) / MIP6MH_CoTI(cookie=bytes.fromhex("8877665544332211"))
    yield "hot", E / IPv6(src=CN, dst=HOA) / MIP6MH_HoT(index=7, cookie=bytes.fromhex("1122334455667788"),
                                                         token=bytes.fromhex("b62e649990b1ed29"))
    yield "cot", E / IPv6(src=CN, dst=COA) / MIP6MH_CoT(index=8, cookie=bytes.fromhex("8877665544332211"),
                                                         token=bytes.fromhex("385bb8b9bdef875f"))
    yield "be", E / IPv6(src=CN, dst=COA) / MIP6MH_BE(status=2, ha=HOA)
    yield "dhaad-request", E / IPv6(src=COA, dst="2001:db8:1:0:fdff:ffff:ffff:fffe") / ICMPv6HAADRequest(id=0x1234, R=0)
    yield "dhaad-reply", E / IPv6(src=HA, dst=COA) / ICMPv6HAADReply(id=0x1234, R=0, addresses=[HA, "2001:db8:1::2"])
    yield "mps", E / IPv6(src=COA, dst=HA) / hao / ICMPv6MPSol(id=0x4321)
    yield "mpa", E / IPv6(src=HA, dst=COA) / rh2 / ICMPv6MPAdv(id=0x4321, flags=0) / ICMPv6NDOptPrefixInfo(
        prefixlen=64, L=1, A=1, R=0, validlifetime=86400, preferredlifetime=14400, prefix="2001:db8:1::")
    yield "ra", E / IPv6(src="fe80::2", dst="ff02::1", hlim=255) / ICMPv6ND_RA(chlim=64, H=1, prf=0,
                                                                               routerlifetime=1800) \
        / ICMPv6NDOptSrcLLAddr(lladdr="02:00:00:00:00:02") \
        / ICMPv6NDOptPrefixInfo(prefixlen=64, L=1, A=1, R=1, validlifetime=2592000, preferredlifetime=604800,
                                prefix=HA) \
        / ICMPv6NDOptAdvInterval(advint=70) / ICMPv6NDOptHAInfo(pref=10, lifetime=1800)
    yield "echo-tunnelled", E / IPv6(src=HA, dst=COA) / IPv6(src=CN, dst=HOA) / ICMPv6EchoRequest(
        id=0x77, seq=1, data=b"mip6")
    yield "udp-hao", E / IPv6(src=COA, dst=CN) / hao / UDP(sport=40000, dport=9) / Raw(b"\x00\x01")


def build():
    for name, f in frames():
        print(name + "\t" + bytes(f).hex())


def checksums(path):
    for i, p in enumerate(rdpcap(path), 1):
        raw = bytes(p)
        q = Ether(raw)
        for layer in q.iterpayloads():
            for field in ("cksum", "chksum"):
                if field in layer.fields:
                    del layer.fields[field]
        redone = bytes(q)
        if redone == raw:
            print(f"{i}\tok")
        else:
            print(f"{i}\tMISMATCH\t{raw.hex()}\t{redone.hex()}")


if __name__ == "__main__":
    if sys.argv[1] == "build":
        build()
    else:
        checksums(sys.argv[2])
