package org.mip6.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

import org.junit.jupiter.api.Test;

/** A file error said in words, not as the bare path java.nio puts in its message. */
class IoErrorsTest {

    @Test
    void theReasonIsSaid() {
        assertEquals("no such file or directory", IoErrors.why(new NoSuchFileException("/tmp/x/y.pcap")));
        assertEquals("permission denied", IoErrors.why(new AccessDeniedException("/proc/y.pcap")));
        assertEquals("read-only file system", IoErrors.why(new FileSystemException("/x", null, "Read-only file system")));
        assertEquals("disk full", IoErrors.why(new IOException("disk full")));
        assertEquals("cannot write /proc/y.pcap: permission denied",
                IoErrors.cannotWrite("/proc/y.pcap", new AccessDeniedException("/proc/y.pcap")).getMessage());
    }
}
