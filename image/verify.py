#!/usr/bin/env python3
"""Proves an image tar is a working rdpcheck image without any container engine.

Unpacks the image's layers in order into a root file system (honouring whiteouts), reads
Entrypoint, Cmd, User, Env and WorkingDir from the image config, and runs the image's own
command line in that tree with chroot as the image's user:
  --version and check --help; a real check of simulated RDP hosts (the demo, started on this
  machine's 127.0.0.1 with the host's Java); the default command (serve) without chat tokens,
  which must say so and exit 0. Needs root (chroot, mount).

  image/verify.py app/target/rdpcheck-image.tar [--jar app/target/rdpcheck.jar]
"""
import argparse, json, os, posixpath, re, shutil, stat, subprocess, sys, tarfile, tempfile, time

WHITEOUT = ".wh."
OPAQUE = ".wh..wh..opq"


def fail(message):
    print("verify: FAILED: " + message, file=sys.stderr)
    sys.exit(1)


def inside(root, path):
    real = os.path.realpath(path)
    return real == root or real.startswith(root + os.sep)


def safe_name(name):
    name = posixpath.normpath(name.lstrip("/"))
    if name == "." or name.startswith("../") or name == "..":
        return None
    return name


def remove(path):
    if os.path.islink(path) or not os.path.isdir(path):
        if os.path.lexists(path):
            os.unlink(path)
    else:
        shutil.rmtree(path)


def apply_layer(layer_path, root):
    """Whiteouts hide what lower layers put there, so they are applied before this layer's own entries."""
    with tarfile.open(layer_path, "r:*") as layer:
        members = layer.getmembers()
        keep = []
        for m in members:
            name = safe_name(m.name)
            if name is None:
                fail("layer entry escapes the root: " + m.name)
            parent, base = posixpath.split(name)
            target_dir = os.path.join(root, parent)
            if not inside(root, target_dir):
                fail("layer entry goes through a link out of the root: " + m.name)
            if base == OPAQUE:
                if os.path.isdir(target_dir):
                    for entry in os.listdir(target_dir):
                        remove(os.path.join(target_dir, entry))
            elif base.startswith(WHITEOUT):
                remove(os.path.join(target_dir, base[len(WHITEOUT):]))
            else:
                m.name = name
                keep.append(m)
        for m in keep:
            if not inside(root, os.path.join(root, posixpath.dirname(m.name))):
                fail("layer entry goes through a link out of the root: " + m.name)
            path = os.path.join(root, m.name)
            # A file replacing a directory (or the reverse) in a lower layer replaces it whole.
            if os.path.lexists(path) and not (m.isdir() and os.path.isdir(path) and not os.path.islink(path)):
                remove(path)
            kwargs = {"filter": "fully_trusted"} if hasattr(tarfile, "fully_trusted_filter") else {}
            layer.extract(m, root, numeric_owner=True, **kwargs)


def unpack(image_tar, root):
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(image_tar) as outer:
            outer.extractall(tmp, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
        with open(os.path.join(tmp, "manifest.json")) as f:
            manifest = json.load(f)
        if len(manifest) != 1:
            fail("expected one image in the tar, found %d" % len(manifest))
        with open(os.path.join(tmp, manifest[0]["Config"])) as f:
            config = json.load(f)
        layers = manifest[0]["Layers"]
        if len(layers) != len(config["rootfs"]["diff_ids"]):
            fail("manifest lists %d layers, config %d" % (len(layers), len(config["rootfs"]["diff_ids"])))
        sizes = []
        for layer in layers:
            path = os.path.join(tmp, layer)
            sizes.append(os.path.getsize(path))
            apply_layer(path, root)
        return manifest[0], config, sizes


def user_ids(root, user):
    name, _, group = user.partition(":")
    def lookup(file, key):
        if key.isdigit():
            return int(key)
        with open(os.path.join(root, "etc", file)) as f:
            for line in f:
                fields = line.split(":")
                if fields[0] == key:
                    return int(fields[2])
        fail("%s is not in the image's /etc/%s" % (key, file))
    uid = lookup("passwd", name) if name else 0
    gid = lookup("group", group) if group else uid
    return uid, gid


def main():
    p = argparse.ArgumentParser()
    p.add_argument("image")
    p.add_argument("--jar", default=os.path.join(os.path.dirname(__file__), "..", "app", "target", "rdpcheck.jar"),
                   help="runs the demo's simulated RDP hosts on the host's 127.0.0.1 to check from inside the image")
    a = p.parse_args()
    if os.geteuid() != 0:
        fail("needs root (chroot, mount)")
    started = time.monotonic()
    work = tempfile.mkdtemp(prefix="rdpcheck-verify.")
    root = os.path.join(work, "rootfs")
    os.mkdir(root)
    root = os.path.realpath(root)
    mounts = []
    demo = None
    try:
        manifest, config, sizes = unpack(a.image, root)
        c = config.get("config", {})
        entrypoint, cmd = c.get("Entrypoint") or [], c.get("Cmd") or []
        user, env_list, workdir = c.get("User", ""), c.get("Env") or [], c.get("WorkingDir") or "/"
        env = dict(e.split("=", 1) for e in env_list)
        print("image %s: %d layers (%s compressed), rootfs %s" % (manifest.get("RepoTags"), len(sizes),
              mib(sum(sizes)), mib(tree_size(root))))
        print("  Entrypoint %s  Cmd %s  User %r  WorkingDir %s" % (entrypoint, cmd, user, workdir))
        print("  Env %s  ExposedPorts %s" % (env_list, sorted((c.get("ExposedPorts") or {}).keys())))
        if not entrypoint:
            fail("no Entrypoint")
        secretish = [k for k in env if re.search(r"TOKEN|SECRET|PASSWORD", k, re.I)]
        if secretish:
            fail("secrets baked into the image config: %s" % secretish)
        uid, gid = user_ids(root, user)
        if uid == 0:
            fail("the image runs as root (User %r)" % user)

        # What a container runtime provides: /proc, and a /dev of its own with the usual nodes
        # (a tmpfs, never the host's /dev).
        for fs, where, options in (("proc", "proc", "nosuid,nodev,noexec"), ("tmpfs", "dev", "nosuid,mode=755")):
            target = os.path.join(root, where)
            os.makedirs(target, exist_ok=True)
            subprocess.run(["mount", "-t", fs, "-o", options, fs, target], check=True)
            mounts.append(target)
        for name, major, minor in (("null", 1, 3), ("zero", 1, 5), ("full", 1, 7), ("random", 1, 8),
                                   ("urandom", 1, 9), ("tty", 5, 0)):
            node = os.path.join(root, "dev", name)
            os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(major, minor))
            os.chmod(node, 0o666)

        def run(args, stdin=subprocess.DEVNULL, timeout=120):
            def enter():
                os.chroot(root)
                os.chdir(workdir)
                os.setgroups([])
                os.setgid(gid)
                os.setuid(uid)
            t0 = time.monotonic()
            r = subprocess.run(args, env=env, preexec_fn=enter, stdin=stdin, capture_output=True, text=True,
                               timeout=timeout)
            return r, time.monotonic() - t0

        def expect(label, args, code, *needles, where="stdout"):
            r, took = run(args)
            out = r.stdout if where == "stdout" else r.stderr
            if r.returncode != code or any(n not in out for n in needles):
                fail("%s: exit %d (expected %d)\nstdout:\n%s\nstderr:\n%s" % (label, r.returncode, code, r.stdout, r.stderr))
            if "Exception" in r.stderr or "\tat " in r.stderr:
                fail("%s: a stack trace on stderr:\n%s" % (label, r.stderr))
            print("  ok  %-46s exit %d in %.1f s" % (label, r.returncode, took))
            return r

        v = expect("--version", entrypoint + ["--version"], 0, "rdpcheck")
        print("      " + v.stdout.strip().splitlines()[0])
        expect("check --help", entrypoint + ["check", "--help"], 0, "Usage")

        # Configuration comes from RDPCHECK_* variables (the image sets the metrics port; tokens come at run time).
        shown = expect("config check (image Env applies)", entrypoint + ["config", "check"], 0, "metrics.port")
        port = re.escape(env.get("RDPCHECK_METRICS_PORT", "?"))
        if not re.search(r"metrics\.port\s+=\s+%s\s+\(RDPCHECK_METRICS_PORT\)" % port, shown.stdout):
            fail("config check does not show metrics.port from the image's Env:\n" + shown.stdout)

        # Simulated RDP hosts on 127.0.0.1, served by the host's Java: the image checks them over
        # real loopback sockets (chroot shares the host's network).
        demo = subprocess.Popen(["java", "-jar", a.jar, "demo"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True)
        ports = {}
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = demo.stdout.readline()
            if not line:
                break
            m = re.match(r"\s+127\.0\.0\.1:(\d+)\s+(\S+)", line)
            if m:
                ports[m.group(2)] = m.group(1)
            if line.startswith("Try:"):
                break
        if "healthy" not in ports or "expired-cert" not in ports:
            fail("the demo did not list its hosts: %s" % ports)
        healthy = expect("check healthy demo host", entrypoint + ["check", "127.0.0.1:" + ports["healthy"], "--json"], 0)
        ids = [d["id"] for d in json.loads(healthy.stdout)["diagnoses"]]
        if not ids or ids[0] != "healthy":
            fail("healthy host diagnosed %s" % ids)
        print("      diagnoses: %s" % ids)
        expired = expect("check expired-certificate demo host", entrypoint + ["check", "127.0.0.1:" + ports["expired-cert"],
                         "--json"], 1)
        ids = [d["id"] for d in json.loads(expired.stdout)["diagnoses"]]
        if "cert.expired" not in ids:
            fail("expired-certificate host diagnosed %s" % ids)
        print("      diagnoses: %s" % ids)
        text = expect("check (terminal report)", entrypoint + ["check", "127.0.0.1:" + ports["expired-cert"]], 1, "expired")

        # The default command, as `docker run IMAGE` would start it: serve, no tokens in the image.
        expect("default command (%s) without tokens" % " ".join(cmd), entrypoint + cmd, 0,
               "no chat platform is configured", where="stderr")
        print("verify: OK in %.0f s" % (time.monotonic() - started))
    finally:
        if demo is not None:
            demo.stdin.close()
            try:
                demo.wait(timeout=20)
            except subprocess.TimeoutExpired:
                demo.kill()
        for m in reversed(mounts):
            subprocess.run(["umount", "-l", m])
        if not any(os.path.ismount(m) for m in mounts):
            shutil.rmtree(work, ignore_errors=True)
        else:
            print("verify: left %s (still mounted)" % work, file=sys.stderr)


def tree_size(root):
    total = 0
    for d, _, files in os.walk(root):
        for f in files:
            p = os.path.join(d, f)
            if not os.path.islink(p):
                total += os.lstat(p).st_size
    return total


def mib(n):
    return "%.1f MiB" % (n / 1048576)


if __name__ == "__main__":
    main()
