package rdpcheck.probes.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The knowledge base's YAML into records: strict about keys and shapes, lenient about absent keys. */
class RecordYamlTest {

    record Item(String name, int size, Boolean flag, List<String> tags, Map<String, String> labels, List<Item> parts) {
    }

    private static InputStream yaml(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void read_everyShape_bindsToTheRecordsComponents() throws IOException {
        Item item = RecordYaml.read(yaml("""
                name: 'disk'
                size: 20
                flag: true
                tags: [a, '0x904']
                labels: {mstsc: fails, web: unaffected}
                parts:
                  - name: head
                """), Item.class);
        assertEquals("disk", item.name());
        assertEquals(20, item.size());
        assertEquals(Boolean.TRUE, item.flag());
        assertEquals(List.of("a", "0x904"), item.tags());
        assertEquals(Map.of("mstsc", "fails", "web", "unaffected"), item.labels());
        assertEquals(new Item("head", 0, null, null, null, null), item.parts().get(0));
    }

    @Test
    void read_unquotedNumberForAText_keepsItsText() throws IOException {
        assertEquals("0x904", RecordYaml.read(yaml("name: 0x904\n"), Item.class).name());
    }

    @Test
    void read_unknownKey_failsNamingKeyAndLine() {
        IOException e = assertThrows(IOException.class, () -> RecordYaml.read(yaml("name: a\ncolour: red\n"), Item.class));
        assertTrue(e.getMessage().contains("unknown key 'colour'"), e.getMessage());
        assertTrue(e.getMessage().contains("line: 2"), e.getMessage());
    }

    @Test
    void read_wrongShape_fails() {
        assertThrows(IOException.class, () -> RecordYaml.read(yaml("size: twenty\n"), Item.class));
        assertThrows(IOException.class, () -> RecordYaml.read(yaml("tags: {a: b}\n"), Item.class));
        assertThrows(IOException.class, () -> RecordYaml.read(yaml("flag: maybe\n"), Item.class));
        assertThrows(IOException.class, () -> RecordYaml.read(yaml("- name: a\n"), Item.class));
    }

    @Test
    void readList_sequenceOfMappings_bindsEach() throws IOException {
        List<Item> items = RecordYaml.readList(yaml("- name: a\n- name: b\n  size: 2\n"), Item.class);
        assertEquals(List.of("a", "b"), items.stream().map(Item::name).toList());
        assertEquals(2, items.get(1).size());
    }

    @Test
    void read_secondDocument_fails() {
        assertThrows(IOException.class, () -> RecordYaml.read(yaml("name: a\n---\nname: b\n"), Item.class));
    }
}
