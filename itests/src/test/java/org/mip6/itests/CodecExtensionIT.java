package org.mip6.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Extending the codec without touching {@code wire} (examples/experimental-mh): while the example is in
 * deploy/, an RFC 5096 Experimental Mobility Header (MH type 11) sent to cn shows decoded in
 * {@code mip6:trace} and {@code mip6:decode}, and cn answers it; an Experimental Mobility Option (type 18)
 * shows decoded too; removed, the type is unknown again and
 * cn answers with Binding Error status 2 (RFC 6275 §9.2) once the hold time shows its handler is not coming back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CodecExtensionIT extends WorkbenchTestSupport {

    /** Built by Scapy (MIP6MH_Generic, mhtype=11): ar-cn → cn, an echo request, identifier 0x1234, data abcdef. */
    static final String REQUEST = "02000000000902000000000186dd600000000010874020010db800040000000000000000000120010db8"
            + "00040000000000fffe0000093b010b00b0dd010012340003abcdef00";

    /**
     * Built by Scapy: a Binding Update to cn (A flag, no Nonce Indices: cn drops it, RFC 6275 §9.5.1) with a
     * Home Address option and an Experimental Mobility Option (RFC 5096, type 18, data 01 02deadbeef).
     */
    static final String BU_WITH_OPTION_18 = "02000000000902000000000186dd6000000000303c4020010db8000200000000000000"
            + "00000b20010db800040000000000fffe000009870201020000c91020010db800010000000000000000000b3b020500332000018000000a"
            + "12060102deadbeef01020000";

    @Test
    public void anExperimentalMobilityHeaderIsDecodedAndAnsweredWhileTheExampleIsDeployed() throws Exception {
        execute("mip6:world reset --virtual --seed 8");
        Path request = pcap(HexFormat.of().parseHex(REQUEST));
        Path jar = Path.of(System.getProperty("karaf.home"), "deploy", "example-experimental-mh.jar");
        Files.copy(Path.of(System.getProperty("mip6.example.experimental-mh")), jar, StandardCopyOption.REPLACE_EXISTING);
        await("the example active", () -> installed("org.mip6.example-experimental-mh")
                .map(b -> b.getState() == org.osgi.framework.Bundle.ACTIVE).orElse(false));
        Thread.sleep(500); // its components registered

        CompletableFuture<String> trace = CompletableFuture.supplyAsync(() -> {
            try {
                return execute("mip6:trace --type mh --link cn-link --count 2 --timeout 60s");
            } catch (Exception e) {
                return e.toString();
            }
        });
        Thread.sleep(1000); // the trace's tap is in place
        Path capture = temporaryFile("experimental-", ".pcap");
        execute("mip6:capture start cn-link " + capture);
        execute("mip6:inject cn-link " + request);
        execute("mip6:run 1s");
        execute("mip6:capture stop cn-link");
        String decoded = execute("mip6:decode " + capture);
        assertTrue(decoded, decoded.contains("MH Experimental Echo Request kind=1 identifier=4660 data=abcdef"));
        assertTrue(decoded, decoded.contains("2001:db8:4::ff:fe00:9 → 2001:db8:4::1 MH Experimental Echo Reply kind=2 identifier=4660 data=abcdef"));
        String json = execute("mip6:decode --json " + capture);
        assertTrue(json, json.contains("\"name\":\"Experimental Echo Reply\",\"extension\":true,\"kind\":2,\"identifier\":4660"));
        Path option = pcap(HexFormat.of().parseHex(BU_WITH_OPTION_18));
        String withOption = execute("mip6:decode " + option);
        assertTrue(withOption, withOption.contains("MH Binding Update seq=1 flags=A lifetime=40s [Experimental Tag tag=1 value=02deadbeef]"));
        String traced = trace.get(30, TimeUnit.SECONDS);
        assertTrue(traced, traced.contains("cn-link 2001:db8:4::1 → 2001:db8:4::ff:fe00:9 MH Experimental Echo Request kind=1"));
        assertTrue(traced, traced.contains("cn-link 2001:db8:4::ff:fe00:9 → 2001:db8:4::1 MH Experimental Echo Reply kind=2"));

        Files.delete(jar);
        await("the example gone", () -> installed("org.mip6.example-experimental-mh").isEmpty());
        Path after = temporaryFile("experimental-", ".pcap");
        execute("mip6:capture start cn-link " + after);
        execute("mip6:inject cn-link " + request);
        execute("mip6:run 5s"); // held first (the handler might be coming back), answered past the hold time
        execute("mip6:capture stop cn-link");
        String unknownOption = execute("mip6:decode " + option);
        assertTrue(unknownOption, unknownOption.contains("[Experimental Mobility Option unknown=true data=0102deadbeef]"));
        String unknown = execute("mip6:decode " + after);
        assertTrue(unknown, unknown.contains("MH Experimental Mobility Header"));
        assertTrue(unknown, unknown.contains("2001:db8:4::ff:fe00:9 → 2001:db8:4::1 MH Binding Error status=2"));
        assertEquals(unknown, -1, unknown.indexOf("Echo Reply"));
    }

    /**
     * A capture compressed with zstd or lz4 (as Wireshark reads them) decodes in Karaf as the plain one does, and one
     * named so is written so: the zstd bundle's native library loaded through its Bundle-NativeCode, on Felix and on
     * Equinox.
     */
    @Test
    public void aCaptureCompressedWithZstdOrLz4DecodesAsThePlainOne() throws Exception {
        Path plain = pcap(HexFormat.of().parseHex(BU_WITH_OPTION_18));
        String want = execute("mip6:decode " + plain);
        assertTrue(want, want.contains("HAO 2001:db8:1::b MH Binding Update seq=1 flags=A lifetime=40s"));
        byte[] bytes = Files.readAllBytes(plain);
        ByteArrayOutputStream zst = new ByteArrayOutputStream();
        try (com.github.luben.zstd.ZstdOutputStream z = new com.github.luben.zstd.ZstdOutputStream(zst)) {
            z.write(bytes);
        }
        ByteArrayOutputStream lz4 = new ByteArrayOutputStream();
        try (org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream z =
                     new org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream(lz4)) {
            z.write(bytes);
        }
        for (ByteArrayOutputStream compressed : java.util.List.of(zst, lz4)) {
            Path p = temporaryFile("compressed-", compressed == zst ? ".pcap.zst" : ".pcap.lz4");
            Files.write(p, compressed.toByteArray());
            String got = execute("mip6:decode " + p);
            assertEquals(p.toString(), want.replace(plain.toString(), p.toString()), got);
        }
        // and a capture named .zst, .lz4 or .gz is written so (Wireshark reads all three)
        execute("mip6:world reset --virtual --seed 8");
        for (String suffix : java.util.List.of(".pcap.zst", ".pcap.lz4", ".pcap.gz")) {
            Path capture = temporaryFile("capture-", suffix);
            execute("mip6:capture start cn-link " + capture);
            execute("mip6:inject cn-link " + plain);
            execute("mip6:run 1s");
            execute("mip6:capture stop cn-link");
            byte first = Files.readAllBytes(capture)[0]; // zstd's magic 28 b5 2f fd, LZ4's 04 22 4d 18, gzip's 1f 8b
            assertEquals(suffix, suffix.endsWith(".zst") ? 0x28 : suffix.endsWith(".lz4") ? 0x04 : 0x1f, first & 0xff);
            String decoded = execute("mip6:decode " + capture);
            assertTrue(suffix + ": " + decoded, decoded.contains("HAO 2001:db8:1::b MH Binding Update seq=1 flags=A lifetime=40s"));
        }
        // every link at once, compressed by --compress
        Path dir = Files.createTempDirectory("captures-");
        execute("mip6:capture start --all " + dir + " --compress zst");
        execute("mip6:inject cn-link " + plain);
        execute("mip6:run 1s");
        execute("mip6:capture stop --all");
        Path all = dir.resolve("cn-link.pcap.zst");
        assertEquals(0x28, Files.readAllBytes(all)[0] & 0xff);
        assertTrue(execute("mip6:decode " + all).contains("HAO 2001:db8:1::b MH Binding Update seq=1 flags=A lifetime=40s"));
        try {
            execute("mip6:capture start --all " + dir + " --compress xz");
            fail("an unknown compression is refused");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("expected gz, zst or lz4"));
        }
    }

    /** A classic pcap (Ethernet) of one frame. */
    Path pcap(byte[] frame) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(24 + 16 + frame.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        b.putInt(0).putInt(0).putInt(frame.length).putInt(frame.length).put(frame);
        Path p = temporaryFile("request-", ".pcap");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b.array());
        Files.write(p, out.toByteArray());
        return p;
    }
}
