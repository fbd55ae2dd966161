#!/usr/bin/env python3
"""Packs a root file system tree as a one-layer image tar in the docker-archive format
(what `docker save` writes and `docker load`/`podman load` and Jib's `tar://` read):
manifest.json, the image config (<digest>.json) and the layer (<diff_id>/layer.tar).

Entries are sorted and owned numerically (no user names: the host's names are not the
image's), so the same tree packs to the same bytes."""
import argparse, hashlib, io, json, os, tarfile, tempfile

def layer_from(rootfs, path):
    def numeric(info):
        info.uname = info.gname = ""
        return info
    with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as tar:
        for dirpath, dirnames, filenames in os.walk(rootfs):
            dirnames.sort()
            rel = os.path.relpath(dirpath, rootfs)
            if rel != ".":
                tar.add(dirpath, arcname=rel, recursive=False, filter=numeric)
            for name in sorted(filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]):
                full = os.path.join(dirpath, name)
                tar.add(full, arcname=os.path.normpath(os.path.join(rel, name)), recursive=False, filter=numeric)
            # os.walk does not descend into symlinked directories; they were added above as links.
            dirnames[:] = [d for d in dirnames if not os.path.islink(os.path.join(dirpath, d))]

def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()

def main():
    p = argparse.ArgumentParser()
    p.add_argument("--rootfs", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--tag", required=True)
    p.add_argument("--env", action="append", default=[])
    a = p.parse_args()
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        layer = os.path.join(tmp, "layer.tar")
        layer_from(a.rootfs, layer)
        diff_id = sha256(layer)
        config = json.dumps({
            "architecture": "amd64", "os": "linux",
            "config": {"Env": a.env, "Cmd": ["/bin/sh"]},
            "rootfs": {"type": "layers", "diff_ids": ["sha256:" + diff_id]},
            "history": [{"created_by": "image/build-base.sh (debootstrap minbase + openjdk-17-jre-headless)"}],
        }, sort_keys=True).encode()
        config_name = hashlib.sha256(config).hexdigest() + ".json"
        manifest = json.dumps([{"Config": config_name, "RepoTags": [a.tag],
                                "Layers": [diff_id + "/layer.tar"]}]).encode()
        with tarfile.open(a.out + ".part", "w", format=tarfile.PAX_FORMAT) as out:
            def blob(name, data):
                info = tarfile.TarInfo(name); info.size = len(data); info.mode = 0o644
                out.addfile(info, io.BytesIO(data))
            blob(config_name, config)
            out.add(layer, arcname=diff_id + "/layer.tar")
            blob("manifest.json", manifest)
        os.replace(a.out + ".part", a.out)

if __name__ == "__main__":
    main()
