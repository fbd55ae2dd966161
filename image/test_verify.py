"""verify.py's layer unpacking on hand-made layers: whiteouts, opaque directories, replacements
and entries that try to leave the root.  python3 -m unittest discover -s image"""
import io, os, sys, tarfile, tempfile, unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import verify  # noqa: E402


def layer(path, entries):
    """entries: (name, content) for files, (name, None) for directories, (name, "->target") for symlinks."""
    with tarfile.open(path, "w:gz") as tar:
        for name, content in entries:
            info = tarfile.TarInfo(name)
            if content is None:
                info.type, info.mode = tarfile.DIRTYPE, 0o755
                tar.addfile(info)
            elif content.startswith("->"):
                info.type, info.linkname = tarfile.SYMTYPE, content[2:]
                tar.addfile(info)
            else:
                data = content.encode()
                info.size, info.mode = len(data), 0o644
                tar.addfile(info, io.BytesIO(data))


class ApplyLayerTest(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.root = os.path.realpath(os.path.join(self.tmp.name, "rootfs"))
        os.mkdir(self.root)
        self.n = 0

    def tearDown(self):
        self.tmp.cleanup()

    def apply(self, entries):
        self.n += 1
        path = os.path.join(self.tmp.name, "layer%d.tar.gz" % self.n)
        layer(path, entries)
        verify.apply_layer(path, self.root)

    def read(self, name):
        with open(os.path.join(self.root, name)) as f:
            return f.read()

    def test_whiteout_removesTheLowerLayersFile_andOnlyIt(self):
        self.apply([("etc", None), ("etc/a", "a"), ("etc/b", "b")])
        self.apply([("etc/.wh.a", "")])
        self.assertFalse(os.path.lexists(os.path.join(self.root, "etc/a")))
        self.assertEqual("b", self.read("etc/b"))
        self.assertFalse(os.path.lexists(os.path.join(self.root, "etc/.wh.a")), "markers are not files")

    def test_opaqueDirectory_hidesLowerContents_butKeepsItsOwnLayersEntries_whateverTheOrder(self):
        self.apply([("app", None), ("app/old", "old"), ("app/sub", None), ("app/sub/x", "x")])
        self.apply([("app", None), ("app/new", "new"), ("app/.wh..wh..opq", "")])
        self.assertEqual(["new"], sorted(os.listdir(os.path.join(self.root, "app"))))

    def test_fileReplacingADirectory_andAWhiteoutOfADirectory(self):
        self.apply([("d", None), ("d/f", "f"), ("gone", None), ("gone/g", "g")])
        self.apply([("d", "now a file"), (".wh.gone", "")])
        self.assertEqual("now a file", self.read("d"))
        self.assertFalse(os.path.lexists(os.path.join(self.root, "gone")))

    def test_entriesLeavingTheRoot_areRefused(self):
        for entries in ([("../escape", "x")], [("link", "->/tmp"), ("link/escape", "x")]):
            with self.subTest(entries=entries), self.assertRaises(SystemExit):
                self.apply(entries)
        self.assertFalse(os.path.exists(os.path.join(self.tmp.name, "escape")))


if __name__ == "__main__":
    unittest.main()
