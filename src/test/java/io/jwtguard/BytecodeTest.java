package io.jwtguard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * Compiled once for Java 17 and run on every JDK the build has (17, and 25 in the next-jdk run): the JDK
 * each run uses is printed, and the classes it tests must be Java 17 bytecode.
 */
class BytecodeTest {

    private static final int JAVA_17_CLASS_FILE = 61;

    @Test
    void theLibraryIsJava17BytecodeWhateverJdkRunsIt() throws IOException {
        System.out.println("Unit tests on Java " + System.getProperty("java.version") + " ("
                + System.getProperty("java.vendor") + ", " + System.getProperty("java.home") + ")");
        try (InputStream in = JwtGuardFilter.class.getResourceAsStream("JwtGuardFilter.class");
                DataInputStream data = new DataInputStream(in)) {
            assertThat(data.readInt()).isEqualTo(0xCAFEBABE);
            data.readUnsignedShort();
            assertThat(data.readUnsignedShort()).isEqualTo(JAVA_17_CLASS_FILE);
        }
    }
}
