package rdpcheck.probes.nla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class WindowsReleaseTest {

    @Test
    void of_serverBuilds_nameTheServerRelease() {
        assertEquals(Optional.of("Windows Server 2012 R2"), WindowsRelease.of(6, 3, 9600).get().server());
        assertEquals(Optional.of("Windows Server 2016"), WindowsRelease.of(10, 0, 14393).get().server());
        assertEquals(Optional.of("Windows Server 2019"), WindowsRelease.of(10, 0, 17763).get().server());
        assertEquals(Optional.of("Windows Server 2022"), WindowsRelease.of(10, 0, 20348).get().server());
        assertEquals(Optional.of("Windows Server 2025"), WindowsRelease.of(10, 0, 26100).get().server());
    }

    @Test
    void of_clientBuilds_nameWindows10And11() {
        assertEquals(Optional.of("Windows 10 1507"), WindowsRelease.of(10, 0, 10240).get().client());
        assertEquals(Optional.of("Windows 10 22H2"), WindowsRelease.of(10, 0, 19045).get().client());
        assertEquals(Optional.of("Windows 11 21H2"), WindowsRelease.of(10, 0, 22000).get().client());
        assertEquals(Optional.of("Windows 11 24H2"), WindowsRelease.of(10, 0, 26100).get().client());
        assertEquals(Optional.empty(), WindowsRelease.of(10, 0, 22631).get().server());
    }

    @Test
    void describe_sharedBuild_namesBothEditions() {
        assertEquals("Windows Server 2019 or Windows 10 1809", WindowsRelease.of(10, 0, 17763).get().describe());
    }

    @Test
    void of_unknownNewerBuild_isTheNearestOlderNotExact() {
        WindowsRelease release = WindowsRelease.of(10, 0, 26120).get();
        assertFalse(release.exact());
        assertEquals("a build newer than Windows Server 2025 or Windows 11 24H2", release.describe());
        assertTrue(WindowsRelease.of(10, 0, 17763).get().exact());
    }

    @Test
    void of_versionNotWindows_isEmpty() {
        assertEquals(Optional.empty(), WindowsRelease.of(5, 0, 2195));
        assertEquals(Optional.empty(), WindowsRelease.of(10, 0, 9999));
        assertEquals(Optional.empty(), WindowsRelease.of(0, 0, 0));
    }

    @Test
    void credSspVersion_saysOnlyWhatTheVersionProves() {
        assertEquals(CredSspVersion.NONCE_BINDING, CredSspVersion.of(6));
        assertEquals(CredSspVersion.NONCE_BINDING, CredSspVersion.of(5));
        assertEquals(CredSspVersion.BEFORE_2018_UPDATE, CredSspVersion.of(4));
        assertEquals(CredSspVersion.BEFORE_2018_UPDATE, CredSspVersion.of(2));
        assertEquals(CredSspVersion.UNDEFINED, CredSspVersion.of(7));
        assertEquals(CredSspVersion.UNDEFINED, CredSspVersion.of(1));
    }
}
